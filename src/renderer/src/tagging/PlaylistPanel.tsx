import { useEffect, useMemo, useState } from 'react';
import type { RunSummary } from '../../../shared/engine.js';
import type { ClipExportResult, ClipProgress, TrackState } from '../../../shared/tagging/types.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import type { Player } from '../video/usePlayer.js';
import { usePlaylist, type PlaylistSource } from './usePlaylist.js';

interface Props {
  client: Client;
  player: Player;
  state: TrackState;
  runs: readonly RunSummary[];
}

/** Filter a track's or run's segments into a playlist; play it (auto-advance or loop one); cut it into clips. */
export function PlaylistPanel({ client, player, state, runs }: Props) {
  const [sourceKey, setSourceKey] = useState('track');
  const [labels, setLabels] = useState<Set<string>>(new Set());
  const [minConfidence, setMinConfidence] = useState(0);
  const source: PlaylistSource = sourceKey === 'track' ? { trackId: state.trackId } : { runId: Number(sourceKey) };
  const trackItems = useMemo(() => state.segments.map((s) => ({ ...s, confidence: 1 })), [state.segments]);
  const filter = useMemo(() => ({ labels, minConfidence }), [labels, minConfidence]);
  const playlist = usePlaylist(client, player, source, trackItems, filter);
  const choices = [...new Set([...state.labels.map((l) => l.name), ...playlist.items.map((i) => i.label)])];

  const [outDir, setOutDir] = useState('');
  const [roll, setRoll] = useState({ pre: 0, post: 0 });
  const [reel, setReel] = useState(false);
  const [progress, setProgress] = useState<ClipProgress | null>(null);
  const [result, setResult] = useState<ClipExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => client.on('clips.progress', setProgress), [client]);

  const cut = async () => {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      setResult(await client.api['clips.export']({ source, outDir, labels: [...labels], minConfidence: minConfidence || undefined, preRollSec: roll.pre, postRollSec: roll.post, reel }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const toggle = (label: string) => setLabels((set) => (set.has(label) ? new Set([...set].filter((l) => l !== label)) : new Set(set).add(label)));

  return (
    <div className="playlist" aria-label="Playlist">
      <div className="playlist-filter">
        <strong>Playlist</strong>
        <select value={sourceKey} onChange={(e) => setSourceKey(e.target.value)} aria-label="Playlist from">
          <option value="track">this track</option>
          {runs.filter((r) => r.status === 'completed').map((r) => <option key={r.id} value={r.id}>run {r.modelId} #{r.id}</option>)}
        </select>
        {choices.map((l) => (
          <label key={l} className="chip"><input type="checkbox" checked={labels.has(l)} onChange={() => toggle(l)} /> {l}</label>
        ))}
        <label>min confidence <input type="number" min={0} max={1} step={0.05} value={minConfidence} onChange={(e) => setMinConfidence(Number(e.target.value))} aria-label="Minimum confidence" /></label>
        <span className="muted" data-testid="playlist-count">{playlist.items.length} items</span>
        {playlist.active ? <button type="button" onClick={playlist.stop}>Stop</button> : <button type="button" onClick={() => playlist.start(Math.max(0, playlist.current))} disabled={playlist.items.length === 0}>Start playlist</button>}
        <label><input type="checkbox" checked={playlist.loop} onChange={(e) => playlist.setLoop(e.target.checked)} /> loop one</label>
      </div>
      <div className="playlist-clips">
        <input value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder="Folder for the clips (absolute path)" aria-label="Clips folder" />
        <label>pre-roll s <input type="number" min={0} step={0.5} value={roll.pre} onChange={(e) => setRoll({ ...roll, pre: Number(e.target.value) })} aria-label="Pre-roll seconds" /></label>
        <label>post-roll s <input type="number" min={0} step={0.5} value={roll.post} onChange={(e) => setRoll({ ...roll, post: Number(e.target.value) })} aria-label="Post-roll seconds" /></label>
        <label><input type="checkbox" checked={reel} onChange={(e) => setReel(e.target.checked)} /> highlight reel</label>
        <button type="button" onClick={() => void cut()} disabled={busy || !outDir.trim() || playlist.items.length === 0}>Export clips</button>
        {busy && progress && (
          <>
            <progress max={progress.total} value={progress.done} aria-label="Clips cut" /> {progress.done}/{progress.total}
            <button type="button" className="link" onClick={() => void client.api['clips.cancel']({ exportId: progress.exportId })}>Cancel</button>
          </>
        )}
        {busy && !progress && <span className="muted">cutting…</span>}
      </div>
      {result && (
        <ul className="clip-results" data-testid="clip-results">
          {result.clips.map((c) => <li key={c.file}>{c.mode === 'copy' ? 'copied' : 're-encoded'} · {c.file}</li>)}
          {result.reel && <li>highlight reel · {result.reel}</li>}
        </ul>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

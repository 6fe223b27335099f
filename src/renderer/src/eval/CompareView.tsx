import { useEffect, useMemo, useState } from 'react';
import type { EvalClip, EvalReport } from '../../../shared/eval.js';
import { PALETTE } from '../../../shared/timeline/colors.js';
import type { Client } from '../api/client.js';
import { isTyping } from '../App.js';
import { errorText } from '../common/errors.js';
import { disagreements, jump, labelsPerFrame, type LabelledRange } from './disagreements.js';

interface Track {
  name: string;
  ranges: LabelledRange[];
}

/**
 * One clip: its ground truth and every model's segments on one timeline, with a disagreement track
 * (frames where the tracks do not all agree). N / ] and P / [ jump to the next / previous disagreement.
 */
export function CompareView({ client, clip, report, onClose }: { client: Client; clip: EvalClip; report: EvalReport; onClose: () => void }) {
  const [tracks, setTracks] = useState<Track[] | null>(null);
  const [frames, setFrames] = useState(0);
  const [frame, setFrame] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const truthLabel = report.dataset.mapping[clip.label] ?? clip.label;

  useEffect(() => {
    let active = true;
    void (async () => {
      try {
        const runs = clip.videoId === null ? [] : await client.api['runs.listForVideo']({ videoId: clip.videoId });
        const models = Object.entries(clip.predictions).flatMap(([modelId, p]) => (p ? [{ modelId, runId: p.runId }] : []));
        const count = Math.max(0, ...models.map((m) => runs.find((r) => r.id === m.runId)?.framesDone ?? 0));
        const loaded = await Promise.all(models.map(async (m) => ({ name: m.modelId, ranges: await client.api['runs.segments']({ runId: m.runId }) })));
        if (!active) return;
        setFrames(count);
        setTracks([{ name: 'ground truth', ranges: [{ label: truthLabel, startFrame: 0, endFrame: count }] }, ...loaded]);
      } catch (e) {
        if (active) setError(errorText(e));
      }
    })();
    return () => {
      active = false;
    };
  }, [client, clip, truthLabel]);

  const disagreeing = useMemo(() => (tracks ? disagreements(tracks.map((t) => t.ranges), frames) : []), [tracks, frames]);
  const colors = useMemo(() => {
    const labels = [...new Set((tracks ?? []).flatMap((t) => t.ranges.map((r) => r.label)))].sort();
    return new Map(labels.map((l, i) => [l, PALETTE[i % PALETTE.length]!]));
  }, [tracks]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const direction = event.key === 'n' || event.key === ']' ? 1 : event.key === 'p' || event.key === '[' ? -1 : 0;
      if (direction === 0) return;
      event.preventDefault();
      setFrame((current) => jump(disagreeing, current, direction) ?? current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disagreeing]);

  const at = (t: Track) => (frames > 0 ? labelsPerFrame(t.ranges, frames)[Math.min(frame, frames - 1)] : null);
  const index = disagreeing.findIndex((r) => frame >= r.startFrame && frame < r.endFrame);
  const pct = (f: number) => `${(100 * f) / Math.max(frames, 1)}%`;

  return (
    <section className="compare" aria-label="Compare">
      <div className="toolbar">
        <h3>{clip.path.split(/[\\/]/).pop()}</h3>
        <span className="muted">truth: {clip.label}</span>
        <span className="spacer" />
        {clip.videoId !== null && <a href={`#/video/${clip.videoId}`}>Open in the review screen</a>}
        <button type="button" onClick={onClose}>Close</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {tracks && (
        <>
          <div className="compare-nav">
            <button type="button" onClick={() => setFrame((f) => jump(disagreeing, f, -1) ?? f)} title="Previous disagreement (P or [)">◀ Previous</button>
            <button type="button" onClick={() => setFrame((f) => jump(disagreeing, f, 1) ?? f)} title="Next disagreement (N or ])">Next ▶</button>
            <span className="compare-position" aria-live="polite">
              Frame {frame} of {frames} · {disagreeing.length === 0 ? 'no disagreement' : index >= 0 ? `disagreement ${index + 1} of ${disagreeing.length}` : `${disagreeing.length} disagreements`}
            </span>
          </div>
          <div className="compare-grid">
            {tracks.map((t) => (
              <div className="compare-row" key={t.name} data-track={t.name}>
                <span className="compare-name">{t.name}</span>
                <div className="compare-bar">
                  {t.ranges.map((r, i) => (
                    <span key={i} className="compare-seg" style={{ left: pct(r.startFrame), width: pct(r.endFrame - r.startFrame), background: colors.get(r.label) }} title={`${r.label} ${r.startFrame}–${r.endFrame}`} />
                  ))}
                  <span className="compare-cursor" style={{ left: pct(frame) }} />
                </div>
                <span className="compare-at">{at(t) ?? '—'}</span>
              </div>
            ))}
            <div className="compare-row" data-track="disagreement">
              <span className="compare-name">disagreement</span>
              <div className="compare-bar">
                {disagreeing.map((r, i) => (
                  <span key={i} className="compare-seg compare-disagree" style={{ left: pct(r.startFrame), width: pct(r.endFrame - r.startFrame) }} />
                ))}
                <span className="compare-cursor" style={{ left: pct(frame) }} />
              </div>
              <span className="compare-at">{index >= 0 ? 'yes' : 'no'}</span>
            </div>
          </div>
          <p className="muted legend">
            {[...colors].map(([label, color]) => (
              <span key={label} className="legend-item"><span className="swatch" style={{ background: color }} />{label}</span>
            ))}
          </p>
        </>
      )}
    </section>
  );
}

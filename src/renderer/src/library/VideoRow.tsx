import { useState, type FormEvent } from 'react';
import type { RunSummary } from '../../../shared/engine.js';
import type { VideoSummary } from '../../../shared/library.js';
import { useMediaUrl } from '../api/media.js';
import { formatBytes, formatDuration, formatFps } from '../../../shared/format.js';

interface Props {
  video: VideoSummary;
  runs: RunSummary[] | undefined;
  host: 'desktop' | 'web';
  onOpen(id: number): void;
  onRemove(id: number): void;
  onLocate(id: number, path: string): Promise<boolean>;
  onLocateWithDialog(id: number): void;
}

export function VideoRow({ video, runs, host, onOpen, onRemove, onLocate, onLocateWithDialog }: Props) {
  const [locating, setLocating] = useState(false);
  const [path, setPath] = useState('');
  const [thumbFailed, setThumbFailed] = useState(false);
  const thumbUrl = useMediaUrl(host, 'thumb', video.id);
  const v = video.probe.video;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void onLocate(video.id, path.trim()).then((ok) => ok && setLocating(false));
  };
  return (
    <tr title={video.path} className={video.missing ? 'missing' : undefined}>
      <td className="name">
        <div className="name-cell">
          {video.missing ? (
            <div className="thumb thumb-missing" aria-hidden>?</div>
          ) : thumbUrl === undefined ? (
            <div className="thumb" aria-hidden />
          ) : thumbFailed || thumbUrl === null ? (
            <div className="thumb" aria-hidden title="No thumbnail: ffmpeg could not read a frame" />
          ) : (
            <img className="thumb" src={thumbUrl} alt="" loading="lazy" onError={() => setThumbFailed(true)} />
          )}
          <div className="name-text">
            <button type="button" className="open" onClick={() => onOpen(video.id)} aria-label={`Open ${video.fileName}`} disabled={video.missing}>
              {video.fileName}
            </button>
            {video.missing && <span className="badge danger">missing: moved or deleted</span>}
            {locating && (
              <form className="locate" onSubmit={submit}>
                <input autoFocus value={path} onChange={(e) => setPath(e.target.value)} placeholder="new path of this file" aria-label={`New path of ${video.fileName}`} spellCheck={false} />
                <button type="submit">Locate</button>
                <button type="button" className="link" onClick={() => setLocating(false)}>Cancel</button>
              </form>
            )}
          </div>
        </div>
      </td>
      <td>{v.displayWidth}×{v.displayHeight}</td>
      <td>{formatFps(v.fps)}{v.variableFrameRate ? ' VFR' : ''}</td>
      <td>{formatDuration(video.probe.durationSec)}</td>
      <td>{v.frameCountSource === 'estimate' ? '~' : ''}{v.frameCount}</td>
      <td>{v.codec}</td>
      <td>{formatBytes(video.sizeBytes)}</td>
      <td className="runs-cell">{runsText(runs)}</td>
      <td className="actions">
        {video.missing && !locating && (
          <button type="button" className="link accent" onClick={() => (host === 'desktop' ? onLocateWithDialog(video.id) : setLocating(true))} aria-label={`Locate ${video.fileName}`}>
            Locate…
          </button>
        )}
        <button type="button" className="link" onClick={() => onRemove(video.id)} aria-label={`Remove ${video.fileName} from library`}>
          Remove
        </button>
      </td>
    </tr>
  );
}

function runsText(runs: RunSummary[] | undefined): string {
  if (!runs || runs.length === 0) return '—';
  const models = [...new Set(runs.filter((r) => r.status === 'completed').map((r) => r.modelId))];
  const running = runs.filter((r) => r.status === 'running' || r.status === 'queued').length;
  return [models.join(', '), running > 0 ? `${running} running` : ''].filter(Boolean).join(' · ') || `${runs.length} unfinished`;
}

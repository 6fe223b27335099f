import type { AnalysisProgress, JobSummary } from '../../../shared/engine.js';
import { formatDuration } from '../../../shared/format.js';
import { isLive } from './useJobs.js';

const STATE_TEXT: Record<JobSummary['state'], string> = { queued: 'queued', running: 'running', paused: 'paused', completed: 'done', failed: 'failed', cancelled: 'cancelled' };

export interface JobActions {
  pause(ids: number[]): void;
  resume(ids: number[]): void;
  cancel(ids: number[]): void;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** One job: its video and model, state, progress (frames, fps, ETA) and its own pause/resume/cancel. */
export function JobRow({ job, progress, selected, onSelect, actions }: { job: JobSummary; progress: AnalysisProgress | undefined; selected: boolean; onSelect(selected: boolean): void; actions: JobActions }) {
  const running = job.state === 'running';
  const done = running && progress ? progress.framesDone : job.framesDone;
  const total = (running ? progress?.frameCount : undefined) ?? job.frameCount;
  const name = fileName(job.videoPath);
  return (
    <tr data-testid="job-row" data-job-id={job.id} data-state={job.state} className={selected ? 'selected' : undefined}>
      <td>
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${name} × ${job.modelId}`} />
      </td>
      <td className="name" title={job.videoPath}>{name}</td>
      <td>{job.modelId}</td>
      <td>
        <span className={`badge job-state job-${job.state}`}>{STATE_TEXT[job.state]}</span>
        {job.origin === 'resumed' && job.resumedFromFrame !== null && <span className="muted"> from frame {job.resumedFromFrame}</span>}
        {job.origin === 'reused' && <span className="muted"> (stored run reused)</span>}
      </td>
      <td className="job-progress-cell">
        <progress max={total ?? 1} value={total ? Math.min(done, total) : undefined} aria-label={`Progress of ${name} × ${job.modelId}`} />
      </td>
      <td className="num" data-testid="job-frames">{done}{total ? ` / ${total}` : ''}</td>
      <td className="num">{running && progress && progress.fps > 0 ? progress.fps.toFixed(0) : '—'}</td>
      <td className="num">{running && progress?.etaSec != null ? formatDuration(progress.etaSec) : '—'}</td>
      <td className="actions">
        {(job.state === 'queued' || job.state === 'running') && <button type="button" className="link accent" onClick={() => actions.pause([job.id])} aria-label={`Pause ${name} × ${job.modelId}`}>Pause</button>}
        {job.state === 'paused' && <button type="button" className="link accent" onClick={() => actions.resume([job.id])} aria-label={`Resume ${name} × ${job.modelId}`}>Resume</button>}
        {isLive(job.state) && <button type="button" className="link danger" onClick={() => actions.cancel([job.id])} aria-label={`Cancel ${name} × ${job.modelId}`}>Cancel</button>}
        {job.error && job.state === 'failed' && <span className="error" title={job.error.message}>{job.error.message}</span>}
      </td>
    </tr>
  );
}

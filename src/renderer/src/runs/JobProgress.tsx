import type { AnalysisProgress, JobSummary } from '../../../shared/engine.js';
import { formatDuration } from '../../../shared/format.js';

/** A running or queued job: progress with fps and ETA, and Cancel. */
export function JobProgress({ job, progress, onCancel }: { job: JobSummary; progress: AnalysisProgress | undefined; onCancel(): void }) {
  const done = progress?.framesDone ?? job.framesDone;
  const total = progress?.frameCount ?? job.frameCount;
  return (
    <div className="job" data-testid="job" data-state={job.state}>
      <div className="job-head">
        <strong>{job.modelId}</strong>
        <span className="muted">{job.state === 'queued' || job.state === 'paused' ? job.state : job.origin === 'resumed' ? `resumed at frame ${job.resumedFromFrame}` : 'analysing'}</span>
        <span className="spacer" />
        <button type="button" className="link danger" onClick={onCancel} aria-label={`Cancel the ${job.modelId} analysis`}>Cancel</button>
      </div>
      <progress max={total ?? 1} value={total ? done : undefined} aria-label={`Progress of ${job.modelId}`} />
      <div className="job-stats muted">
        {done}{total ? ` / ${total}` : ''} frames
        {progress && progress.fps > 0 && ` · ${progress.fps.toFixed(0)} fps`}
        {progress?.etaSec != null && ` · ${formatDuration(progress.etaSec)} left`}
        {job.provider && ` · ${job.provider}`}
      </div>
      {job.notices.map((n) => <div key={n} className="notice">{n}</div>)}
    </div>
  );
}

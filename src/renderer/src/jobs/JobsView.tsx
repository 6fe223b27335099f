import { useCallback, useMemo, useState } from 'react';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { JobRow, type JobActions } from './JobRow.js';
import { isLive, useJobs } from './useJobs.js';

/**
 * Every analysis job of the session (videos × models): queued, running, paused and finished, with
 * progress, each one's pause/resume/cancel, and the same on a selection. Live from events.
 */
export function JobsView({ client }: { client: Client }) {
  const { jobs, progress, error } = useJobs(client);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);

  const act = useCallback((work: () => Promise<unknown>) => {
    setActionError(null);
    work().catch((e: unknown) => setActionError(errorText(e)));
  }, []);
  const actions: JobActions = useMemo(
    () => ({
      pause: (ids) => ids.length > 0 && act(() => client.api['analysis.pause']({ jobIds: ids })),
      resume: (ids) => ids.length > 0 && act(() => client.api['analysis.resume']({ jobIds: ids })),
      cancel: (ids) => act(() => Promise.all(ids.map((jobId) => client.api['analysis.cancel']({ jobId })))),
    }),
    [client, act],
  );

  const chosen = jobs.filter((j) => selected.has(j.id));
  const pausable = chosen.filter((j) => j.state === 'queued' || j.state === 'running').map((j) => j.id);
  const resumable = chosen.filter((j) => j.state === 'paused').map((j) => j.id);
  const cancellable = chosen.filter((j) => isLive(j.state)).map((j) => j.id);
  const counts = { running: 0, queued: 0, paused: 0, finished: 0 };
  for (const job of jobs) counts[job.state === 'running' || job.state === 'queued' || job.state === 'paused' ? job.state : 'finished'] += 1;
  const allSelected = jobs.length > 0 && chosen.length === jobs.length;
  const select = (id: number, on: boolean) =>
    setSelected((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="jobs" aria-label="Jobs">
      <div className="toolbar">
        <h2>Jobs</h2>
        <span className="muted" data-testid="job-counts">{counts.running} running · {counts.queued} queued · {counts.paused} paused · {counts.finished} finished</span>
        <span className="spacer" />
        <span className="muted">{chosen.length} selected</span>
        <button type="button" disabled={pausable.length === 0} onClick={() => actions.pause(pausable)}>Pause selected</button>
        <button type="button" disabled={resumable.length === 0} onClick={() => actions.resume(resumable)}>Resume selected</button>
        <button type="button" disabled={cancellable.length === 0} onClick={() => actions.cancel(cancellable)}>Cancel selected</button>
      </div>
      {(error ?? actionError) && <p className="error" role="alert">{error ?? actionError}</p>}
      {jobs.length === 0 ? (
        <p className="empty">No analysis jobs in this session. Start one from a video, the library or a watched source.</p>
      ) : (
        <table className="video-table job-table">
          <thead>
            <tr>
              <th><input type="checkbox" checked={allSelected} onChange={(e) => setSelected(new Set(e.target.checked ? jobs.map((j) => j.id) : []))} aria-label="Select every job" /></th>
              <th>Video</th><th>Model</th><th>State</th><th>Progress</th><th className="num">Frames</th><th className="num">fps</th><th className="num">ETA</th><th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} progress={progress.get(job.id)} selected={selected.has(job.id)} onSelect={(on) => select(job.id, on)} actions={actions} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

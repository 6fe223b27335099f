import { useCallback, useEffect, useState } from 'react';
import type { AnalysisProgress, JobSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

export interface JobsState {
  /** Every job of this session, newest first. */
  jobs: JobSummary[];
  /** The latest progress (frames, fps, ETA) per job id. */
  progress: ReadonlyMap<number, AnalysisProgress>;
  error: string | null;
}

/**
 * Every analysis job of the core's session, kept current from `analysis.job` and
 * `analysis.progress` events (no polling). A restarted core host numbers its jobs afresh: the list
 * is read again when it runs again.
 */
export function useJobs(client: Client): JobsState {
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [progress, setProgress] = useState<ReadonlyMap<number, AnalysisProgress>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (isActive: () => boolean) =>
      client.api['analysis.jobs']({}).then(
        (list) => {
          if (!isActive()) return;
          setJobs([...list].reverse());
          setProgress(new Map());
        },
        (e) => isActive() && setError(errorText(e)),
      ),
    [client],
  );

  useEffect(() => {
    let active = true;
    const isActive = () => active;
    void load(isActive);
    const offJob = client.on('analysis.job', (job) =>
      setJobs((list) => {
        const at = list.findIndex((j) => j.id === job.id);
        if (at === -1) return [job, ...list];
        const next = [...list];
        next[at] = job;
        return next;
      }),
    );
    const offProgress = client.on('analysis.progress', (p) => setProgress((map) => new Map(map).set(p.jobId, p)));
    const offHost = client.on('core.host', (status) => status.state === 'running' && void load(isActive));
    return () => {
      active = false;
      offJob();
      offProgress();
      offHost();
    };
  }, [client, load]);

  return { jobs, progress, error };
}

/** Jobs queued, running or paused, for the header's badge; from `analysis.job` events. */
export function useActiveJobCount(client: Client): number {
  const [states, setStates] = useState<ReadonlyMap<number, JobSummary['state']>>(new Map());
  useEffect(() => {
    let active = true;
    const load = () => void client.api['analysis.jobs']({}).then((list) => active && setStates(new Map(list.map((j) => [j.id, j.state]))), () => undefined);
    load();
    const offJob = client.on('analysis.job', (job) => setStates((map) => new Map(map).set(job.id, job.state)));
    const offHost = client.on('core.host', (status) => status.state === 'running' && load());
    return () => {
      active = false;
      offJob();
      offHost();
    };
  }, [client]);
  let count = 0;
  for (const state of states.values()) if (isLive(state)) count += 1;
  return count;
}

export function isLive(state: JobSummary['state']): boolean {
  return state === 'queued' || state === 'running' || state === 'paused';
}

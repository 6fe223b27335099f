import { useCallback, useEffect, useState } from 'react';
import type { AnalysisProgress, JobSummary, RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { isPoseRun } from '../../../shared/pose-run.js';

export interface RunsState {
  runs: RunSummary[];
  /** This session's jobs for the video, newest first. */
  jobs: JobSummary[];
  progress: Map<number, AnalysisProgress>;
  /** Frames done per run id, live while a run is running. */
  framesDone: Map<number, number>;
  error: string | null;
  reload(): void;
}

/** The video's action runs and jobs, kept current from `analysis.job` and `analysis.progress` events (pose runs: usePoseRuns). */
export function useRuns(client: Client, videoId: number): RunsState {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [progress, setProgress] = useState<Map<number, AnalysisProgress>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let active = true;
    client.api['runs.listForVideo']({ videoId }).then(
      (list) => active && setRuns(list.filter((run) => !isPoseRun(run))),
      (e) => active && setError(errorText(e)),
    );
    return () => {
      active = false;
    };
  }, [client, videoId, tick]);

  useEffect(() => {
    let active = true;
    void client.api['analysis.jobs']({}).then((list) => active && setJobs(list.filter((j) => j.videoId === videoId).reverse()));
    const offJob = client.on('analysis.job', (job) => {
      if (job.videoId !== videoId) return;
      setJobs((list) => [job, ...list.filter((j) => j.id !== job.id)]);
      reload();
    });
    const offProgress = client.on('analysis.progress', (p) => setProgress((map) => new Map(map).set(p.jobId, p)));
    return () => {
      active = false;
      offJob();
      offProgress();
    };
  }, [client, videoId, reload]);

  const framesDone = new Map<number, number>();
  for (const run of runs) framesDone.set(run.id, run.framesDone);
  for (const job of jobs) {
    const p = progress.get(job.id);
    if (p && job.state === 'running') framesDone.set(p.runId, Math.max(framesDone.get(p.runId) ?? 0, p.framesDone));
  }
  return { runs, jobs, progress, framesDone, error, reload };
}

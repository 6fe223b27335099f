import { useCallback, useEffect, useState } from 'react';
import type { RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';

/** The video's pose runs, reloaded when one of its jobs changes state (or on `reload`). */
export function usePoseRuns(client: Client, videoId: number): { runs: RunSummary[]; reload(): void } {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let active = true;
    client.api['pose.runs']({ videoId }).then(
      (list) => active && setRuns(list),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [client, videoId, tick]);
  useEffect(() => client.on('analysis.job', (job) => job.videoId === videoId && setTick((t) => t + 1)), [client, videoId]);
  return { runs, reload: useCallback(() => setTick((t) => t + 1), []) };
}

import { useEffect, useState } from 'react';
import type { PersonLane, RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';

/**
 * The per-person label tracks of the completed runs shown (runs.people; empty for runs of RGB
 * models), fetched once per run when it completes. Keyed by run id.
 */
export function usePersonLanes(client: Client, runs: readonly RunSummary[]): Map<number, PersonLane[]> {
  const [lanes, setLanes] = useState<Map<number, PersonLane[]>>(new Map());
  const completed = runs.filter((r) => r.status === 'completed').map((r) => r.id);
  const key = completed.join(',');
  useEffect(() => {
    let live = true;
    for (const runId of key ? key.split(',').map(Number) : []) {
      if (lanes.has(runId)) continue;
      client.api['runs.people']({ runId }).then(
        (people) => live && setLanes((map) => new Map(map).set(runId, people)),
        () => live && setLanes((map) => new Map(map).set(runId, [])),
      );
    }
    return () => {
      live = false;
    };
  }, [client, key]); // eslint-disable-line react-hooks/exhaustive-deps
  return lanes;
}

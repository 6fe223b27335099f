import { useEffect, useRef, useState } from 'react';
import type { Segment } from '../../../shared/analysis.js';
import { applySegmentsUpdate, type RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';

/**
 * Segments of running runs as the engine pushes them (`runs.segmentsChanged`: the segments from a
 * frame on, re-derived from a tail as chunks commit), so the timeline fills in while a run goes
 * without asking for a re-derivation. A run first seen mid-way starts from its stored segments.
 */
export function useLiveSegments(client: Client, runs: readonly RunSummary[], framesDone: Map<number, number>): Map<number, Segment[]> {
  const [live, setLive] = useState<Map<number, Segment[]>>(new Map());
  const loading = useRef(new Set<number>());
  const running = runs.filter((r) => r.status === 'running' && (framesDone.get(r.id) ?? 0) > 0);

  useEffect(() => {
    let active = true;
    const off = client.on('runs.segmentsChanged', (update) => {
      setLive((map) => {
        const known = map.get(update.runId);
        if (known) return new Map(map).set(update.runId, applySegmentsUpdate(known, update));
        if (!loading.current.has(update.runId)) {
          // The store already holds this update: start from it.
          loading.current.add(update.runId);
          client.api['runs.segments']({ runId: update.runId }).then(
            (segments) => active && setLive((latest) => new Map(latest).set(update.runId, latest.get(update.runId) ?? segments)),
            () => loading.current.delete(update.runId),
          );
        }
        return map;
      });
    });
    return () => {
      active = false;
      off();
    };
  }, [client]);

  // Once a run is no longer running its stored segments are the truth.
  const out = new Map<number, Segment[]>();
  for (const run of running) {
    const segments = live.get(run.id);
    if (segments) out.set(run.id, segments);
  }
  return out;
}

import { useEffect, useRef, useState } from 'react';
import type { Segment } from '../../../shared/analysis.js';
import { applySegmentsUpdate, type RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';

/**
 * Segments of running runs as the engine pushes them (`runs.segmentsChanged`: the segments from a
 * frame on, re-derived from a tail as chunks commit), so the timeline fills in while a run goes
 * without asking for a re-derivation. A run first seen mid-way starts from its stored segments
 * (the store already holds the update that announced it).
 */
export function useLiveSegments(client: Client, runs: readonly RunSummary[], framesDone: Map<number, number>): Map<number, Segment[]> {
  const [live, setLive] = useState<Map<number, Segment[]>>(new Map());
  const known = useRef(new Map<number, Segment[] | 'loading'>());
  const running = runs.filter((r) => r.status === 'running' && (framesDone.get(r.id) ?? 0) > 0);

  useEffect(() => {
    let active = true;
    const publish = (runId: number, segments: Segment[]) => {
      known.current.set(runId, segments);
      if (active) setLive((map) => new Map(map).set(runId, segments));
    };
    const off = client.on('runs.segmentsChanged', (update) => {
      const current = known.current.get(update.runId);
      if (Array.isArray(current)) return publish(update.runId, applySegmentsUpdate(current, update));
      if (current === 'loading') return;
      known.current.set(update.runId, 'loading');
      client.api['runs.segments']({ runId: update.runId }).then(
        (segments) => publish(update.runId, segments),
        () => known.current.delete(update.runId),
      );
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

import { useEffect, useRef, useState } from 'react';
import type { PostprocessOptions, Segment } from '../../../shared/analysis.js';
import type { RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';

/** Above this many frames a live re-derivation costs too much to repeat every second: the stored partial segments serve. */
const LIVE_MAX_FRAMES = 200_000;
const INTERVAL_MS = 1000;

/**
 * Segments of running runs, derived from the probabilities committed so far (runs.rederive with
 * the run's own options) about once a second, so the timeline fills in while a run goes, sooner
 * than the engine's stored partial segments (every few seconds).
 */
export function useLiveSegments(client: Client, runs: readonly RunSummary[], framesDone: Map<number, number>): Map<number, Segment[]> {
  const [live, setLive] = useState<Map<number, Segment[]>>(new Map());
  const last = useRef(new Map<number, { at: number; frames: number; busy: boolean }>());
  const running = runs.filter((r) => r.status === 'running' && (framesDone.get(r.id) ?? 0) > 0 && (framesDone.get(r.id) ?? 0) <= LIVE_MAX_FRAMES);
  const key = running.map((r) => `${r.id}:${framesDone.get(r.id)}`).join(',');

  useEffect(() => {
    const timers: number[] = [];
    for (const run of running) {
      const frames = framesDone.get(run.id) ?? 0;
      const state = last.current.get(run.id) ?? { at: 0, frames: 0, busy: false };
      last.current.set(run.id, state);
      if (state.busy || state.frames === frames) continue;
      const wait = Math.max(0, state.at + INTERVAL_MS - Date.now());
      timers.push(
        window.setTimeout(() => {
          state.busy = true;
          state.at = Date.now();
          const postprocess = (run.params as { postprocess: PostprocessOptions }).postprocess;
          client.api['runs.rederive']({ runId: run.id, postprocess }).then(
            (segments) => {
              state.busy = false;
              state.frames = frames;
              setLive((map) => new Map(map).set(run.id, segments));
            },
            () => {
              state.busy = false;
              state.frames = frames;
            },
          );
        }, wait),
      );
    }
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  // Once a run is no longer running its stored segments are the truth.
  const out = new Map<number, Segment[]>();
  for (const run of running) {
    const segments = live.get(run.id);
    if (segments) out.set(run.id, segments);
  }
  return out;
}

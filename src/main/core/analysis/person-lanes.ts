/**
 * Per-person label tracks of a skeleton run (issue 11): each tracked person's stored probabilities
 * (person_prediction_chunks) turned into segments with the run's own post-processing, on the run's
 * frame numbers and clock, so the timeline can draw one lane per person under the run's union lane.
 */
import type { PostprocessOptions } from '../../../shared/analysis.js';
import type { PersonLane } from '../../../shared/engine.js';
import type { Store } from '../store/index.js';
import { deriveSegments } from './postprocess/index.js';
import { runClock } from './run-results.js';

export function personLanes(store: Store, runId: number, labels: readonly string[], fps: number, framesDone: number, postprocess: PostprocessOptions): PersonLane[] {
  const tracks = store.personPredictions.tracks(runId);
  if (tracks.length === 0) return [];
  const clock = runClock(store, runId, fps, framesDone);
  const classes = labels.length;
  const chunks = store.personPredictions.readRange(runId, 0, framesDone);
  return tracks.map(({ trackId, firstFrame, endFrame }) => {
    const frameCount = endFrame - firstFrame;
    const probs = new Float32Array(frameCount * classes);
    for (const chunk of chunks) if (chunk.trackId === trackId) probs.set(chunk.probs, (chunk.startFrame - firstFrame) * classes);
    const lastTime = clock.frameTimes(Math.min(framesDone, endFrame) - 1);
    const endTime = endFrame >= framesDone ? clock.endTime : clock.frameTimes(endFrame);
    const segments = deriveSegments(probs, {
      frameCount,
      classCount: classes,
      labels,
      frameTimes: (t) => clock.frameTimes(firstFrame + t),
      endTime: Number.isFinite(endTime) ? endTime : lastTime,
      postprocess,
    }).map((s) => ({ ...s, startFrame: s.startFrame + firstFrame, endFrame: s.endFrame + firstFrame }));
    return { trackId, firstFrame, endFrame, segments };
  });
}

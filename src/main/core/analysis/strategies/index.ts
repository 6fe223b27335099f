/**
 * [Note: labelling strategies] How each model family labels every frame:
 *
 * - frame-classifier: each analysed frame's own prediction; with stride S only frames 0, S, 2S…
 *   are analysed and every other frame takes the nearest analysed frame's row (strided.ts).
 * - recurrent: the video streamed in chunks of T frames, h/c carried from chunk to chunk; causal,
 *   so it works on a growing file too (recurrent.ts).
 * - clip and two-stream: sliding windows of clip.length frames every clip.frameInterval frames,
 *   one every windowStride frames; each frame is the mean of the windows covering it, centred,
 *   with explicit edges (window-plan.ts). The alignment string is stored with the run.
 *
 * A resumed run restarts from a point stored with its last chunk and computes exactly what an
 * uninterrupted run computes: see [Note: exact resume] in ./resume-ledger.ts.
 */
import type { SamplingOptions } from '../../../../shared/analysis.js';
import type { ModelFamily, ModelManifest } from '../../../../shared/manifest.js';
import { FramewiseStrategy } from './framewise.js';
import { RecurrentStrategy } from './recurrent.js';
import type { LabellingStrategy, StrategyContext } from './types.js';
import { WindowedStrategy } from './windowed.js';
import { keypointAlignment } from './keypoint.js';
import { describeAlignment, windowGeometry } from './window-plan.js';
import { DEFAULT_CHUNK_FRAMES, recurrentChunkFrames } from '../../models/feed-geometry.js';

export type { FrameInput, LabellingStrategy, RowSink, StrategyContext } from './types.js';
export { ResumeLedger, type ResumePoint } from './resume-ledger.js';

export function createStrategy(ctx: StrategyContext): LabellingStrategy {
  switch (ctx.manifest.family) {
    case 'frame-classifier':
      return new FramewiseStrategy(ctx);
    case 'recurrent':
      return new RecurrentStrategy(ctx);
    case 'clip':
    case 'two-stream':
      return new WindowedStrategy(ctx);
  }
}

export { DEFAULT_BATCH_SIZE, DEFAULT_CHUNK_FRAMES } from '../../models/feed-geometry.js';

/** How a run's outputs map onto frames, stored with the run (runs.alignment). */
export function alignmentFor(manifest: ModelManifest, sampling: SamplingOptions, chunkFrames = DEFAULT_CHUNK_FRAMES): string {
  if (manifest.inputs.keypoints) return keypointAlignment(manifest);
  const between = sampling.stride > 1 ? `;stride=${sampling.stride};between=nearest-analysed-frame` : '';
  switch (manifest.family) {
    case 'frame-classifier':
      return `framewise${between}`;
    case 'recurrent':
      return `causal;chunk=${recurrentChunkFrames(manifest, chunkFrames)};state-carried${between}`;
    case 'clip':
    case 'two-stream':
      return manifest.clip ? describeAlignment(windowGeometry(manifest.clip, sampling.windowStride), manifest.family) : 'windowed';
  }
}

/** Batches in flight per worker: two keep it busy while the next is packed; a recurrent chunk needs the previous one's state. */
export function maxInFlightFor(family: ModelFamily): number {
  return family === 'recurrent' ? 1 : 2;
}

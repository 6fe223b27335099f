/**
 * Temporal smoothing of per-frame class probabilities (frame-major: probs[f * classCount + c]).
 *
 * Every class is smoothed on its own with a centred window of `windowFrames` frames. Near the
 * ends of the video the window is truncated to the frames that exist (MATLAB's `movmean(…,
 * 'Endpoints','shrink')`): frame 0 with a 5-frame window averages frames 0–2, frame 1 averages
 * 0–3. No padding value is invented, and each output is a statistic of real frames only.
 *
 * The moving average keeps a running sum per class: O(frames × classes) whatever the window.
 * The median is in median.ts. Probabilities are expected finite: a NaN stays in a running sum,
 * so the engine should refuse a model's NaN output rather than store it.
 */
import type { PostprocessOptions } from '../../../../shared/analysis.js';
import { movingMedian } from './median.js';

export type SmoothingOptions = PostprocessOptions['smoothing'];

export function smoothProbabilities(
  probs: Float32Array,
  frameCount: number,
  classCount: number,
  smoothing: SmoothingOptions,
): Float32Array {
  // A window of 1 (or a single frame) is the identity: hand back the input, not a copy.
  if (smoothing.kind === 'none' || smoothing.windowFrames <= 1 || frameCount <= 1) return probs;
  const half = (smoothing.windowFrames - 1) >> 1;
  return smoothing.kind === 'median'
    ? movingMedian(probs, frameCount, classCount, half)
    : movingAverage(probs, frameCount, classCount, half);
}

function movingAverage(probs: Float32Array, frameCount: number, classCount: number, half: number): Float32Array {
  const out = new Float32Array(frameCount * classCount);
  // Float64 sums: 100k frames of add-then-subtract in float32 would drift visibly.
  const sums = new Float64Array(classCount);
  // Frames outside the video enter and leave the sums as a row of zeros, which keeps the
  // inner loop free of edge tests; the divisor counts only real frames.
  const zeros = new Float32Array(classCount);
  for (let f = 0; f <= Math.min(half, frameCount - 1); f++) {
    for (let c = 0; c < classCount; c++) sums[c]! += probs[f * classCount + c]!;
  }
  for (let f = 0; f < frameCount; f++) {
    const lo = Math.max(0, f - half);
    const hi = Math.min(frameCount - 1, f + half);
    const scale = 1 / (hi - lo + 1);
    // Sliding to frame f + 1 takes in frame f + half + 1 and drops frame f − half.
    const entering = f + half + 1 < frameCount ? probs : zeros;
    const enteringBase = f + half + 1 < frameCount ? (f + half + 1) * classCount : 0;
    const leaving = f - half >= 0 ? probs : zeros;
    const leavingBase = f - half >= 0 ? (f - half) * classCount : 0;
    const base = f * classCount;
    for (let c = 0; c < classCount; c++) {
      out[base + c] = sums[c]! * scale;
      sums[c]! += entering[enteringBase + c]! - leaving[leavingBase + c]!;
    }
  }
  return out;
}

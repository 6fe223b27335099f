import type { PredictionRange } from '../store/index.js';

/**
 * Reduces per-frame probabilities to at most `points` evenly spaced buckets for a timeline:
 * each point is the mean (or max, which keeps a brief action visible) of its bucket's frames.
 */
export function reduceProbabilities(
  range: PredictionRange,
  classCount: number,
  points: number,
  reduce: 'mean' | 'max',
): { startFrame: number; endFrame: number; frames: number[]; probs: number[]; reduce: 'mean' | 'max' } {
  const { startFrame, frameCount, probs } = range;
  const buckets = Math.max(0, Math.min(points, frameCount));
  const frames: number[] = [];
  const out = new Array<number>(buckets * classCount).fill(0);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * frameCount) / buckets);
    const to = Math.floor(((b + 1) * frameCount) / buckets);
    frames.push(startFrame + from);
    for (let c = 0; c < classCount; c++) {
      let value = 0;
      for (let f = from; f < to; f++) {
        const p = probs[f * classCount + c]!;
        value = reduce === 'max' ? Math.max(value, p) : value + p;
      }
      out[b * classCount + c] = reduce === 'max' ? value : value / (to - from);
    }
  }
  return { startFrame, endFrame: startFrame + frameCount, frames, probs: out, reduce };
}

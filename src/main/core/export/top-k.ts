/**
 * Per-frame top-k classes from stored probabilities, chunk by chunk (the store's readRange
 * results), so exporting an hour of 400-class probabilities never holds more than one chunk.
 */
import { AppError } from '../../../shared/errors.js';
import type { FrameTopK } from './format.js';

/** Frame-major probabilities of frames [startFrame, startFrame + frameCount), as PredictionsRepository.readRange returns them. */
export interface ProbabilityChunk {
  startFrame: number;
  frameCount: number;
  classCount: number;
  probs: Float32Array;
}

export interface TopKOptions {
  labels: readonly string[];
  /** Classes kept per frame (at most the number of classes). */
  k: number;
  /** Presentation time in seconds of a frame. */
  frameTimes: (frame: number) => number;
  /** Frames that could not be decoded: listed with no labels. */
  isGap?: (frame: number) => boolean;
}

/** Each frame's k most probable classes, most probable first; ties go to the lower class index. */
export function* topKFrames(chunks: Iterable<ProbabilityChunk>, { labels, k, frameTimes, isGap }: TopKOptions): Generator<FrameTopK, void, undefined> {
  if (!Number.isInteger(k) || k < 1) throw new AppError('INVALID_ARGUMENT', `k must be a positive integer, got ${k}.`, { field: 'k' });
  for (const { startFrame, frameCount, classCount, probs } of chunks) {
    if (classCount !== labels.length) {
      throw new AppError('INVALID_ARGUMENT', `Probabilities have ${classCount} classes but ${labels.length} labels were given.`, { field: 'labels' });
    }
    const keep = Math.min(k, classCount);
    const best = new Int32Array(keep);
    for (let f = 0; f < frameCount; f++) {
      const base = f * classCount;
      if (isGap?.(startFrame + f)) {
        yield { frame: startFrame + f, timeSec: frameTimes(startFrame + f), labels: [], probabilities: [], gap: true };
        continue;
      }
      selectTop(probs, base, classCount, best);
      yield {
        frame: startFrame + f,
        timeSec: frameTimes(startFrame + f),
        labels: Array.from(best, (c) => labels[c]!),
        probabilities: Array.from(best, (c) => probs[base + c]!),
      };
    }
  }
}

/** Fills `best` with the indices of the best.length largest of probs[base, base + classCount), largest first. */
function selectTop(probs: Float32Array, base: number, classCount: number, best: Int32Array): void {
  let size = 0;
  for (let c = 0; c < classCount; c++) {
    const value = probs[base + c]!;
    if (size === best.length && value <= probs[base + best[size - 1]!]!) continue;
    // Insertion into the short sorted list; strict ">" keeps the earlier (lower) class first on ties.
    let i = size < best.length ? size++ : size - 1;
    while (i > 0 && value > probs[base + best[i - 1]!]!) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = c;
  }
}

/**
 * [Note: clip prediction] How a per-frame run becomes predictions, as in the Python recipe
 * (models/training/evaluate.py): a clip's scores are the mean of its frames' stored
 * probabilities (all frames of the run, in float64), its label their argmax (the first on ties);
 * a frame's label is the argmax of its own probabilities, without the run's smoothing.
 */

/** Frame-major probabilities: probs[f * classCount + c]. */
export interface FrameProbabilities {
  probs: ArrayLike<number>;
  frameCount: number;
  classCount: number;
}

export function clipScores({ probs, frameCount, classCount }: FrameProbabilities): Float64Array {
  const sums = new Float64Array(classCount);
  for (let f = 0; f < frameCount; f++) for (let c = 0; c < classCount; c++) sums[c]! += probs[f * classCount + c]!;
  if (frameCount > 0) for (let c = 0; c < classCount; c++) sums[c]! /= frameCount;
  return sums;
}

export function frameLabels({ probs, frameCount, classCount }: FrameProbabilities): Int32Array {
  const labels = new Int32Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    const base = f * classCount;
    let best = 0;
    for (let c = 1; c < classCount; c++) if (probs[base + c]! > probs[base + best]!) best = c;
    labels[f] = best;
  }
  return labels;
}

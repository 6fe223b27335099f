/**
 * Per-frame decisions: which class each frame gets, before thresholding and minimum durations.
 * Inputs are the (smoothed) probabilities, frame-major; outputs one class index per frame.
 */

/** Index of the first largest value of frame `frame` (ties go to the lower class index). */
export function argmaxOfFrame(probs: Float32Array, frame: number, classCount: number): number {
  const base = frame * classCount;
  let best = 0;
  let bestValue = probs[base]!;
  for (let c = 1; c < classCount; c++) {
    const value = probs[base + c]!;
    if (value > bestValue) {
      bestValue = value;
      best = c;
    }
  }
  return best;
}

/** One label per frame, and each frame's best probability (which the threshold is applied to). */
export interface FrameDecisions {
  labels: Int32Array;
  best: Float32Array;
}

/**
 * Argmax with hysteresis: the first frame takes its argmax; afterwards the label changes only
 * when the frame's best class beats the current label by more than `hysteresis`. With 0 it is
 * plain argmax, except that a tie keeps the current label instead of the lower index.
 */
export function decideByHysteresis(probs: Float32Array, frameCount: number, classCount: number, hysteresis: number): FrameDecisions {
  const labels = new Int32Array(frameCount);
  const best = new Float32Array(frameCount);
  let current = -1;
  for (let f = 0; f < frameCount; f++) {
    const top = argmaxOfFrame(probs, f, classCount);
    const base = f * classCount;
    if (current < 0 || (top !== current && probs[base + top]! - probs[base + current]! > hysteresis)) current = top;
    labels[f] = current;
    best[f] = probs[base + top]!;
  }
  return { labels, best };
}

/**
 * Viterbi decoding: the label sequence maximising Σ log p(frame, label) − switchPenalty × switches,
 * with a uniform start. Because every switch costs the same, the best way into class c at frame f
 * is either staying in c or switching from the single best class of frame f − 1, so each frame
 * costs O(classes) instead of O(classes²).
 *
 * Scores are kept as probabilities rather than logs (exp is monotonic, so the argmax is the same):
 * that spares a Math.log per value. Each frame's scores are divided by the previous frame's best
 * score, which keeps them in [0, 1]; a score can never fall below exp(−penalty) × p, because
 * switching in from the best class is always available, so nothing underflows.
 * Ties prefer staying, then the lower class index.
 */
export function decideByViterbi(probs: Float32Array, frameCount: number, classCount: number, switchPenalty: number): FrameDecisions {
  const labels = new Int32Array(frameCount);
  const best = new Float32Array(frameCount);
  if (frameCount === 0) return { labels, best };
  const switchFactor = Math.exp(-switchPenalty);
  let previous = new Float64Array(classCount);
  let current = new Float64Array(classCount);
  // Back-pointers: the best class of frame f − 1, and one bit per (frame, class) saying "came from
  // it", packed 32 classes to a word and written a word at a time.
  const bestBefore = new Int32Array(frameCount);
  const wordsPerFrame = Math.ceil(classCount / 32);
  const switched = new Uint32Array(frameCount * wordsPerFrame);
  for (let c = 0; c < classCount; c++) previous[c] = probs[c]!;
  best[0] = probs[argmaxOfFrame(probs, 0, classCount)]!;

  for (let f = 1; f < frameCount; f++) {
    const top = argmaxOf(previous);
    bestBefore[f] = top;
    const scale = previous[top]! > 0 ? 1 / previous[top]! : 0;
    const base = f * classCount;
    let frameBest = probs[base]!;
    let word = 0;
    for (let c = 0; c < classCount; c++) {
      const p = probs[base + c]!;
      if (p > frameBest) frameBest = p;
      const stay = previous[c]! * scale;
      if (switchFactor > stay) {
        current[c] = p * switchFactor;
        word |= 1 << (c & 31);
      } else {
        current[c] = p * stay;
      }
      if ((c & 31) === 31 || c === classCount - 1) {
        switched[f * wordsPerFrame + (c >> 5)] = word;
        word = 0;
      }
    }
    best[f] = frameBest;
    [previous, current] = [current, previous];
  }

  let label = argmaxOf(previous);
  for (let f = frameCount - 1; f >= 0; f--) {
    labels[f] = label;
    if (f > 0 && (switched[f * wordsPerFrame + (label >> 5)]! & (1 << (label & 31))) !== 0) label = bestBefore[f]!;
  }
  return { labels, best };
}

function argmaxOf(values: Float64Array): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if (values[c]! > values[best]!) best = c;
  return best;
}

/**
 * Sets the label of every frame whose best probability is below `threshold` to −1 ("no confident
 * action"). The threshold is rounded to float32 like the probabilities, so a frame exactly at
 * the threshold counts as confident (0.7 is stored as 0.699999988079071, below the double 0.7).
 */
export function dropUnconfidentFrames({ labels, best }: FrameDecisions, threshold: number): Int32Array {
  const limit = Math.fround(threshold);
  for (let f = 0; f < labels.length; f++) if (best[f]! < limit) labels[f] = -1;
  return labels;
}

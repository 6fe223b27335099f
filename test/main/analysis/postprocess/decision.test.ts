import { describe, expect, it } from 'vitest';
import {
  argmaxOfFrame,
  decideByHysteresis,
  decideByViterbi,
} from '../../../../src/main/core/analysis/postprocess/decision.js';
import { randomProbs, rows, seededRandom } from './helpers.js';

/** Σ log p(frame, label) − penalty × switches: what Viterbi maximises. */
function pathScore(probs: Float32Array, classCount: number, path: ArrayLike<number>, penalty: number): number {
  let score = 0;
  for (let f = 0; f < path.length; f++) {
    score += Math.log(probs[f * classCount + path[f]!]!);
    if (f > 0 && path[f] !== path[f - 1]) score -= penalty;
  }
  return score;
}

/** The best score over every one of classCount^frameCount label sequences. */
function bruteForceBest(probs: Float32Array, frameCount: number, classCount: number, penalty: number): number {
  let best = Number.NEGATIVE_INFINITY;
  const path = new Array<number>(frameCount).fill(0);
  for (let n = 0; n < classCount ** frameCount; n++) {
    for (let f = 0, rest = n; f < frameCount; f++, rest = Math.floor(rest / classCount)) path[f] = rest % classCount;
    best = Math.max(best, pathScore(probs, classCount, path, penalty));
  }
  return best;
}

describe('argmax and hysteresis', () => {
  it('argmax gives ties to the lower class index', () => {
    expect(argmaxOfFrame(rows([[0.3, 0.4, 0.4]]), 0, 3)).toBe(1);
  });

  it('hysteresis holds the label until another class leads by more than the margin', () => {
    const probs = rows([
      [0.6, 0.4],
      [0.47, 0.53], // B leads by 0.06: held on A
      [0.44, 0.56], // leads by 0.12: switches
      [0.52, 0.48], // A leads by 0.04: held on B
    ]);
    expect(Array.from(decideByHysteresis(probs, 4, 2, 0.1).labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(decideByHysteresis(probs, 4, 2, 0).labels)).toEqual([0, 1, 1, 0]);
  });

  it('with no margin a tie keeps the current label', () => {
    expect(Array.from(decideByHysteresis(rows([[0.2, 0.8], [0.5, 0.5]]), 2, 2, 0).labels)).toEqual([1, 1]);
  });
});

describe('decideByViterbi', () => {
  it('finds the best-scoring path, as checked against every path of small cases', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 40; trial++) {
      const frameCount = 1 + Math.floor(random() * 6);
      const classCount = 1 + Math.floor(random() * 3);
      const penalty = [0, 0.5, 2, 6][trial % 4]!;
      const probs = randomProbs(frameCount, classCount, random);
      const path = decideByViterbi(probs, frameCount, classCount, penalty).labels;
      expect(pathScore(probs, classCount, path, penalty)).toBeCloseTo(bruteForceBest(probs, frameCount, classCount, penalty), 9);
    }
  });

  it('matches the textbook O(frames × classes²) log-space Viterbi at 70 classes (bits span several words)', () => {
    const random = seededRandom(70);
    const [frameCount, classCount, penalty] = [120, 70, 1.5];
    const probs = randomProbs(frameCount, classCount, random);
    let scores = Array.from({ length: classCount }, (_, c) => Math.log(probs[c]!));
    for (let f = 1; f < frameCount; f++) {
      scores = scores.map((_, c) => {
        let bestIn = Number.NEGATIVE_INFINITY;
        for (let from = 0; from < classCount; from++) bestIn = Math.max(bestIn, scores[from]! - (from === c ? 0 : penalty));
        return bestIn + Math.log(probs[f * classCount + c]!);
      });
    }
    const path = decideByViterbi(probs, frameCount, classCount, penalty).labels;
    expect(pathScore(probs, classCount, path, penalty)).toBeCloseTo(Math.max(...scores), 9);
  });

  it('both decisions report each frame\'s best probability, for the threshold', () => {
    const probs = randomProbs(40, 5, seededRandom(1));
    const rowMax = Array.from({ length: 40 }, (_, f) => Math.max(...probs.subarray(f * 5, f * 5 + 5)));
    expect(Array.from(decideByViterbi(probs, 40, 5, 2).best)).toEqual(rowMax);
    expect(Array.from(decideByHysteresis(probs, 40, 5, 0.1).best)).toEqual(rowMax);
  });

  it('with no penalty is per-frame argmax; with a huge one never switches', () => {
    const random = seededRandom(3);
    const probs = randomProbs(50, 4, random);
    const argmax = Array.from({ length: 50 }, (_, f) => argmaxOfFrame(probs, f, 4));
    expect(Array.from(decideByViterbi(probs, 50, 4, 0).labels)).toEqual(argmax);
    expect(new Set(decideByViterbi(probs, 50, 4, 1e6).labels).size).toBe(1);
  });

  it('cleans a noisy switch that argmax follows frame by frame', () => {
    // walk for 8 frames then run for 8, with two frames of each flipped by noise.
    const probs = rows([
      ...[0.7, 0.7, 0.45, 0.7, 0.7, 0.7, 0.7, 0.7].map((a) => [a, 1 - a]),
      ...[0.3, 0.3, 0.3, 0.55, 0.3, 0.3, 0.3, 0.3].map((a) => [a, 1 - a]),
    ]);
    expect(Array.from(decideByViterbi(probs, 16, 2, 2).labels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(decideByHysteresis(probs, 16, 2, 0).labels)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1]);
  });

  it('survives long videos and zero probabilities without underflow', () => {
    const frameCount = 100_000;
    const probs = new Float32Array(frameCount * 3);
    for (let f = 0; f < frameCount; f++) probs.set(f < 50_000 ? [0.999, 0.001, 0] : [0.001, 0.999, 0], f * 3);
    const path = decideByViterbi(probs, frameCount, 3, 4).labels;
    expect(path[0]).toBe(0);
    expect(path[49_999]).toBe(0);
    expect(path[50_000]).toBe(1);
    expect(path[frameCount - 1]).toBe(1);
  });
});

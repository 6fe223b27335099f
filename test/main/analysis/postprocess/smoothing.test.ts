import { describe, expect, it } from 'vitest';
import { smoothProbabilities } from '../../../../src/main/core/analysis/postprocess/index.js';
import { rows, seededRandom } from './helpers.js';

/** Brute force: each frame's truncated centred window, sorted. */
function referenceMedian(probs: Float32Array, frameCount: number, classCount: number, window: number): Float32Array {
  const half = (window - 1) / 2;
  const out = new Float32Array(probs.length);
  for (let f = 0; f < frameCount; f++) {
    for (let c = 0; c < classCount; c++) {
      const values: number[] = [];
      for (let k = Math.max(0, f - half); k <= Math.min(frameCount - 1, f + half); k++) values.push(probs[k * classCount + c]!);
      values.sort((a, b) => a - b);
      const mid = values.length >> 1;
      out[f * classCount + c] = values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
    }
  }
  return out;
}

describe('smoothProbabilities', () => {
  it('returns the input itself for kind "none", a 1-frame window or a single frame', () => {
    const probs = rows([[0.2, 0.8], [0.6, 0.4]]);
    expect(smoothProbabilities(probs, 2, 2, { kind: 'none', windowFrames: 5 })).toBe(probs);
    expect(smoothProbabilities(probs, 2, 2, { kind: 'moving-average', windowFrames: 1 })).toBe(probs);
    expect(smoothProbabilities(probs.subarray(0, 2), 1, 2, { kind: 'median', windowFrames: 5 })).toEqual(rows([[0.2, 0.8]]));
  });

  it('moving average: centred, each class alone, the window truncated at both ends', () => {
    // class 0: 0, 0, 0.9, 0, 0.3; class 1: 1 everywhere.
    const probs = rows([[0, 1], [0, 1], [0.9, 1], [0, 1], [0.3, 1]]);
    const out = smoothProbabilities(probs, 5, 2, { kind: 'moving-average', windowFrames: 3 });
    const class0 = [0 / 2, 0.9 / 3, 0.9 / 3, 1.2 / 3, 0.3 / 2]; // frame 0 averages frames 0–1, frame 4 frames 3–4
    for (let f = 0; f < 5; f++) {
      expect(out[f * 2]).toBeCloseTo(class0[f]!, 6);
      expect(out[f * 2 + 1]).toBeCloseTo(1, 6);
    }
  });

  it('moving average: a window wider than the video averages what exists', () => {
    const out = smoothProbabilities(rows([[0.1], [0.5]]), 2, 1, { kind: 'moving-average', windowFrames: 9 });
    expect(out[0]).toBeCloseTo(0.3, 6);
    expect(out[1]).toBeCloseTo(0.3, 6);
  });

  it('moving average does not drift over an hour of frames', () => {
    const frames = 108_000;
    const probs = new Float32Array(frames * 2);
    for (let f = 0; f < frames; f++) probs.set(f % 2 === 0 ? [0.3, 0.7] : [0.7, 0.3], f * 2);
    const out = smoothProbabilities(probs, frames, 2, { kind: 'moving-average', windowFrames: 101 });
    // Interior frames see 51 of one and 50 of the other: exactly 0.5 ± 0.4/101.
    expect(Math.abs(out[(frames - 200) * 2]! - 0.5)).toBeLessThan(0.4 / 101 + 1e-6);
    expect(Math.abs(out[(frames - 200) * 2]! + out[(frames - 200) * 2 + 1]! - 1)).toBeLessThan(1e-6);
  });

  it('median: removes a one-frame spike that the moving average only spreads', () => {
    const probs = rows([[0.1], [0.1], [0.95], [0.1], [0.1]]);
    const median = smoothProbabilities(probs, 5, 1, { kind: 'median', windowFrames: 3 });
    const mean = smoothProbabilities(probs, 5, 1, { kind: 'moving-average', windowFrames: 3 });
    expect(Array.from(median)).toEqual(Array.from(rows([[0.1], [0.1], [0.1], [0.1], [0.1]])));
    expect(mean[1]).toBeGreaterThan(0.3);
  });

  it('median: an even truncated window gives the mean of the middle two', () => {
    // window 5 at frame 1 covers frames 0–3: 0.1, 0.2, 0.6, 0.8 → (0.2 + 0.6) / 2
    const out = smoothProbabilities(rows([[0.1], [0.2], [0.6], [0.8], [0.9]]), 5, 1, { kind: 'median', windowFrames: 5 });
    expect(out[1]).toBeCloseTo(0.4, 6);
    expect(out[0]).toBeCloseTo(0.2, 6); // frames 0–2
  });

  it.each([3, 5, 7, 9, 11, 15])('median of %i frames matches a brute-force median (ties, edges, short videos)', (window) => {
    const random = seededRandom(window);
    for (const frameCount of [1, 2, window - 1, window, window + 1, 60]) {
      const classCount = 3;
      // Values drawn from a few levels, so ties are common.
      const probs = Float32Array.from({ length: frameCount * classCount }, () => Math.floor(random() * 6) / 5);
      const out = smoothProbabilities(probs, frameCount, classCount, { kind: 'median', windowFrames: window });
      expect(Array.from(out)).toEqual(Array.from(referenceMedian(probs, frameCount, classCount, window)));
    }
  });

  it.each([3, 5, 7, 9])('median network of %i frames is right on every 0/1 input (hence, by the 0-1 principle, on all inputs)', (window) => {
    // One class per 0/1 pattern of the window; the middle frame sees exactly that pattern.
    const classCount = 2 ** window;
    const probs = new Float32Array(window * classCount);
    for (let c = 0; c < classCount; c++) for (let f = 0; f < window; f++) probs[f * classCount + c] = (c >> f) & 1;
    const out = smoothProbabilities(probs, window, classCount, { kind: 'median', windowFrames: window });
    const middle = (window - 1) / 2;
    for (let c = 0; c < classCount; c++) {
      let ones = 0;
      for (let f = 0; f < window; f++) ones += (c >> f) & 1;
      expect(out[middle * classCount + c]).toBe(ones > middle ? 1 : 0);
    }
  });

  it('a NaN in the input cannot hang the sorted-window median', () => {
    const probs = Float32Array.from({ length: 40 }, (_, i) => (i === 20 ? Number.NaN : (i % 7) / 7));
    expect(smoothProbabilities(probs, 40, 1, { kind: 'median', windowFrames: 11 })).toHaveLength(40);
  });

  it('never modifies its input', () => {
    const probs = rows([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]);
    const copy = probs.slice();
    smoothProbabilities(probs, 3, 2, { kind: 'median', windowFrames: 3 });
    smoothProbabilities(probs, 3, 2, { kind: 'moving-average', windowFrames: 3 });
    expect(probs).toEqual(copy);
  });
});

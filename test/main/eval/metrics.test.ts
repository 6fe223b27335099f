import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  bootstrapTop1,
  clipMetrics,
  detectionMetrics,
  editScore,
  erfc,
  f1Counts,
  interpolatedAp,
  mcnemar,
  rankOf,
  segmentationMetrics,
  temporalIou,
} from '../../../src/main/core/eval/metrics/index.js';

describe('clip metrics', () => {
  it('top-1, top-5, mean class accuracy and per-class figures, worked by hand', () => {
    // 3 classes; class 2 has no clips (an empty class).
    const truth = [0, 0, 1, 1];
    const scores = [
      [0.6, 0.3, 0.1], // 0 → 0 right
      [0.2, 0.7, 0.1], // 0 → 1 wrong
      [0.1, 0.8, 0.1], // 1 → 1 right
      [0.1, 0.2, 0.7], // 1 → 2 wrong
    ];
    const m = clipMetrics(truth, scores, 3);
    expect(m.top1).toBe(50);
    expect(m.top5).toBe(100);
    expect(m.confusion).toEqual([[1, 1, 0], [0, 1, 1], [0, 0, 0]]);
    expect(m.meanClassAccuracy).toBe(50); // (1/2 + 1/2) / 2: the empty class is left out
    expect(m.perClass[0]).toEqual({ support: 2, predicted: 1, precision: 100, recall: 50, f1: (100 * 2) / 3 });
    expect(m.perClass[1]).toEqual({ support: 2, predicted: 2, precision: 50, recall: 50, f1: 50 });
    expect(m.perClass[2]).toEqual({ support: 0, predicted: 1, precision: 0, recall: null, f1: 0 });
  });

  it('a class neither true nor predicted has no precision, recall or F1', () => {
    const m = clipMetrics([0], [[1, 0, 0]], 3);
    expect(m.perClass[1]).toEqual({ support: 0, predicted: 0, precision: null, recall: null, f1: null });
  });

  it('ties: argmax takes the first class, and a tie never ranks the truth first', () => {
    const m = clipMetrics([1], [[0.5, 0.5]], 2);
    expect(m.top1).toBe(0);
    expect(m.confusion).toEqual([[0, 0], [1, 0]]);
    expect(rankOf([0.5, 0.5], 1)).toBe(1);
    expect(rankOf([0.5, 0.5], 0)).toBe(0);
    // Top-5 with 7 classes all tied: the truth at index 6 ranks 7th.
    expect(clipMetrics([6], [[1, 1, 1, 1, 1, 1, 1]], 7).top5).toBe(0);
    expect(clipMetrics([4], [[1, 1, 1, 1, 1, 1, 1]], 7).top5).toBe(100);
  });

  it('no clips gives zeros, not NaN', () => {
    const m = clipMetrics([], [], 2);
    expect([m.top1, m.top5, m.meanClassAccuracy]).toEqual([0, 0, 0]);
  });
});

describe('segmentation metrics (MS-TCN)', () => {
  it('edit score from the run sequences', () => {
    expect(editScore([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(100);
    // truth runs A B C, predicted A C: one deletion over max(3, 2) = 3.
    expect(editScore([0, 1, 2], [0, 2, 2])).toBeCloseTo(100 * (1 - 1 / 3), 10);
    // Over-segmentation is punished even when most frames are right: A B A B vs A.
    expect(editScore([0, 0, 0, 0], [0, 1, 0, 1])).toBe(25);
    expect(editScore([], [])).toBe(100);
  });

  it('F1 counts: touching segments, the IoU threshold and one match per true segment', () => {
    // truth: 0 for frames 0-3, 1 for 4-7 (touching at frame 4). Prediction shifted by one frame.
    const truth = [0, 0, 0, 0, 1, 1, 1, 1];
    const pred = [0, 0, 0, 1, 1, 1, 1, 1];
    // IoU(0) = 3/4, IoU(1) = 4/5: both match at 0.5, ...
    expect(f1Counts(truth, pred, 0.5)).toEqual({ tp: 2, fp: 0, fn: 0 });
    // ... neither at 0.8 for class 0 (0.75), class 1 at exactly 0.8 (>=).
    expect(f1Counts(truth, pred, 0.8)).toEqual({ tp: 1, fp: 1, fn: 1 });
    // Two predicted runs of class 0 over one true run: the second is a false positive.
    expect(f1Counts([0, 0, 0, 0], [0, 0, 1, 0], 0.1)).toEqual({ tp: 1, fp: 2, fn: 0 });
  });

  it('pooled report: frame accuracy over all frames, edit averaged over sequences', () => {
    const r = segmentationMetrics([
      { truth: [0, 0, 1, 1], predicted: [0, 0, 1, 1] },
      { truth: [0, 0], predicted: [1, 1] },
    ]);
    expect(r.frameAccuracy).toBeCloseTo((100 * 4) / 6, 10);
    expect(r.edit).toBe(50); // 100 and 0
    // tp 2, fp 1, fn 1 at every threshold: P = R = 2/3.
    expect(r.f1['10']).toBeCloseTo((100 * 2) / 3, 10);
    expect(r.f1['50']).toBeCloseTo((100 * 2) / 3, 10);
  });
});

describe('detection mAP (ActivityNet)', () => {
  it('temporal IoU, including touching and zero-length segments', () => {
    expect(temporalIou({ start: 0, end: 2 }, { start: 1, end: 3 })).toBeCloseTo(1 / 3, 12);
    expect(temporalIou({ start: 0, end: 1 }, { start: 1, end: 2 })).toBe(0); // touching
    expect(temporalIou({ start: 1, end: 1 }, { start: 0, end: 2 })).toBe(0); // zero-length prediction
    expect(temporalIou({ start: 1, end: 1 }, { start: 1, end: 1 })).toBe(0); // both empty: no NaN
  });

  it('interpolated AP worked by hand', () => {
    // Predictions: hit, miss, hit with 2 truths → precision 1, .5, .667; recall .5, .5, 1.
    expect(interpolatedAp([1, 0.5, 2 / 3], [0.5, 0.5, 1])).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
  });

  it('per-class AP: score order, one match per truth, zero-length predictions as misses', () => {
    const truth = [
      { video: 'a', label: 'x', start: 0, end: 10 },
      { video: 'b', label: 'x', start: 0, end: 10 },
    ];
    const predictions = [
      { video: 'a', label: 'x', start: 0, end: 10, score: 0.9 }, // hit
      { video: 'a', label: 'x', start: 0, end: 9, score: 0.8 }, // duplicate of a hit truth: miss
      { video: 'b', label: 'x', start: 5, end: 5, score: 0.7 }, // zero-length: miss
      { video: 'b', label: 'x', start: 1, end: 10, score: 0.6 }, // hit
    ];
    // precision 1, .5, 1/3, .5; recall .5, .5, .5, 1 → AP = .5 * 1 + .5 * .5
    expect(averagePrecision(truth, predictions, [0.5])[0]).toBeCloseTo(0.75, 12);
    // At 0.95 the last one (IoU 0.9) misses too: AP = 0.5.
    expect(averagePrecision(truth, predictions, [0.95])[0]).toBeCloseTo(0.5, 12);
  });

  it('mAP averages over the classes with truth; predicted-only classes are ignored', () => {
    const truth = [
      { video: 'a', label: 'x', start: 0, end: 4 },
      { video: 'a', label: 'y', start: 4, end: 8 },
    ];
    const predictions = [
      { video: 'a', label: 'x', start: 0, end: 4, score: 1 },
      { video: 'a', label: 'z', start: 4, end: 8, score: 1 },
    ];
    const m = detectionMetrics(truth, predictions);
    expect(m.thresholds).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(m.mapAt).toEqual([50, 50, 50, 50, 50]);
    expect(m.perClass).toEqual({ x: [100, 100, 100, 100, 100], y: [0, 0, 0, 0, 0] });
    expect(m.ignoredClasses).toEqual(['z']);
  });
});

describe('significance', () => {
  it('erfc matches known values', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207, 6);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 6);
  });

  it('McNemar: exact binomial for few discordant clips', () => {
    // b = 5, c = 0: p = 2 * 0.5^5 = 0.0625.
    const a = [true, true, true, true, true, true, false];
    const b = [false, false, false, false, false, true, false];
    expect(mcnemar(a, b)).toEqual({ aOnly: 5, bOnly: 0, method: 'exact-binomial', statistic: null, pValue: 0.0625 });
    expect(mcnemar([true], [true]).pValue).toBe(1);
    // b = c: the two-sided p is capped at 1.
    expect(mcnemar([true, false], [false, true]).pValue).toBe(1);
  });

  it('McNemar: chi-square with continuity correction above 25 discordant clips', () => {
    // b = 30, c = 10: (|30 - 10| - 1)^2 / 40 = 9.025, p = 0.002663 (scipy.stats.chi2.sf(9.025, 1)).
    const a = [...new Array<boolean>(30).fill(true), ...new Array<boolean>(10).fill(false)];
    const b = a.map((x) => !x);
    const r = mcnemar(a, b);
    expect(r.method).toBe('chi-square-cc');
    expect(r.statistic).toBeCloseTo(9.025, 12);
    expect(r.pValue).toBeCloseTo(0.002663, 5);
  });

  it('bootstrap intervals are seeded, contain the estimate, and are exact for identical models', () => {
    const a = Array.from({ length: 100 }, (_, i) => i % 10 < 7);
    const b = Array.from({ length: 100 }, (_, i) => i % 10 < 5);
    const one = bootstrapTop1(a, b, { resamples: 500, seed: 3 });
    expect(bootstrapTop1(a, b, { resamples: 500, seed: 3 })).toEqual(one);
    expect(one.a.low).toBeLessThan(70);
    expect(one.a.high).toBeGreaterThan(70);
    expect(one.difference.low).toBeGreaterThan(0); // A is right wherever B is, and 20 more
    const same = bootstrapTop1(a, a, { resamples: 200 });
    expect(same.difference).toEqual({ low: 0, high: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/shared/errors.js';
import { deriveSegments } from '../../../../src/main/core/analysis/postprocess/index.js';
import { derive, LABELS, plain, randomProbs, rows, seededRandom, spans } from './helpers.js';

/** Rows for two classes from class 0's probability per frame. */
const pairs = (walk: number[]) => rows(walk.map((p) => [p, 1 - p]));

describe('deriveSegments: basics', () => {
  it('a single frame is one segment ending at endTime', () => {
    expect(derive(rows([[0.8, 0.2]]), 2, plain())).toEqual([
      { label: 'walk', classIndex: 0, startFrame: 0, endFrame: 1, startSec: 0, endSec: 0.1, confidence: expect.closeTo(0.8, 6) },
    ]);
  });

  it('a single frame shorter than minSegmentSec has no neighbour to join and is dropped', () => {
    expect(derive(rows([[0.8, 0.2]]), 2, plain({ minSegmentSec: 0.3 }))).toEqual([]);
  });

  it('no frames, no segments', () => {
    expect(derive(new Float32Array(0), 2, plain({ smoothing: { kind: 'median', windowFrames: 5 } }))).toEqual([]);
  });

  it('frames whose best class is under the threshold belong to no segment', () => {
    const probs = rows([[0.3, 0.3, 0.4], [0.35, 0.33, 0.32], [0.2, 0.5, 0.3], [0.39, 0.3, 0.31]]);
    expect(derive(probs, 3, plain({ threshold: 0.55 }))).toEqual([]);
    expect(spans(derive(probs, 3, plain({ threshold: 0.4 })))).toEqual([['jump', 0, 1], ['run', 2, 3]]);
  });

  it('a frame exactly at the threshold is confident, though float32 stores 0.7 as 0.69999999', () => {
    expect(spans(derive(rows([[0.7, 0.2, 0.1]]), 3, plain({ threshold: 0.7 })))).toEqual([['walk', 0, 1]]);
  });

  it('the threshold looks at the best class, not the label hysteresis holds', () => {
    // Frame 1: run (0.42) is best and above 0.4, but does not beat walk (0.38) by 0.05: still walk, and confident.
    const probs = rows([[0.6, 0.3, 0.1], [0.38, 0.42, 0.2]]);
    expect(spans(derive(probs, 3, plain({ threshold: 0.4, hysteresis: 0.05 })))).toEqual([['walk', 0, 2]]);
  });

  it('ties go to the lower class index', () => {
    expect(spans(derive(rows([[0.2, 0.4, 0.4]]), 3, plain()))).toEqual([['run', 0, 1]]);
  });

  it('confidence is the mean unsmoothed probability of the label over its frames', () => {
    const probs = pairs([0.9, 0.5, 0.9, 0.7]);
    const [segment] = derive(probs, 2, plain({ smoothing: { kind: 'moving-average', windowFrames: 3 } }));
    expect(segment).toMatchObject({ label: 'walk', startFrame: 0, endFrame: 4 });
    expect(segment!.confidence).toBeCloseTo((0.9 + 0.5 + 0.9 + 0.7) / 4, 6);
  });

  it('rejects probabilities that do not match frames × classes, and labels that do not match classes', () => {
    const attempt = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isAppError(error, 'INVALID_ARGUMENT') ? error.field : 'other error';
      }
      return 'no error';
    };
    const options = { frameCount: 3, classCount: 2, labels: ['a', 'b'], frameTimes: (f: number) => f, endTime: 3, postprocess: plain() };
    expect(attempt(() => deriveSegments(new Float32Array(5), options))).toBe('probs');
    expect(attempt(() => deriveSegments(new Float32Array(6), { ...options, labels: ['a'] }))).toBe('labels');
    expect(attempt(() => deriveSegments(new Float32Array(6), { ...options, frameCount: 2.5 }))).toBe('frameCount');
  });
});

describe('deriveSegments: removing flicker', () => {
  const alternating = pairs(Array.from({ length: 20 }, (_, f) => (f % 2 === 0 ? 0.52 : 0.48)));

  it('alternating noise: every frame is its own segment with everything off', () => {
    expect(derive(alternating, 2, plain())).toHaveLength(20);
  });

  it('alternating noise: hysteresis keeps the first label', () => {
    expect(spans(derive(alternating, 2, plain({ hysteresis: 0.05 })))).toEqual([['walk', 0, 20]]);
  });

  it('alternating noise: the minimum duration merges it into one segment', () => {
    // All runs are 0.1 s; the earliest goes first and each merge joins same-label runs: one run remains.
    expect(spans(derive(alternating, 2, plain({ minSegmentSec: 0.3 })))).toEqual([['run', 0, 20]]);
  });

  it('one-frame spikes: smoothing removes them, median and moving average alike', () => {
    const spiky = pairs([0.8, 0.8, 0.8, 0.3, 0.8, 0.8, 0.8, 0.8, 0.3, 0.8, 0.8]);
    expect(derive(spiky, 2, plain())).toHaveLength(5);
    for (const kind of ['median', 'moving-average'] as const) {
      expect(spans(derive(spiky, 2, plain({ smoothing: { kind, windowFrames: 5 } })))).toEqual([['walk', 0, 11]]);
    }
  });

  it('Viterbi replaces hysteresis and follows a noisy switch once', () => {
    const noisy = pairs([0.7, 0.7, 0.45, 0.7, 0.7, 0.7, 0.3, 0.3, 0.55, 0.3, 0.3, 0.3]);
    expect(derive(noisy, 2, plain())).toHaveLength(6);
    const viterbi = plain({ hysteresis: 0.5, viterbi: { enabled: true, switchPenalty: 2 } });
    expect(spans(derive(noisy, 2, viterbi))).toEqual([['walk', 0, 6], ['run', 6, 12]]);
  });
});

describe('deriveSegments: minimum duration', () => {
  // 10 fps: a 2-frame run lasts 0.2 s, under the 0.3 s minimum.
  const min = plain({ minSegmentSec: 0.3 });
  const row = (walk: number, run: number, jump: number) => [walk, run, jump];

  it('a short run joins the neighbour whose label is more probable over its frames', () => {
    const towardJump = rows([...Array(5).fill(row(0.8, 0.1, 0.1)), ...Array(2).fill(row(0.1, 0.5, 0.4)), ...Array(5).fill(row(0.1, 0.1, 0.8))]);
    expect(spans(derive(towardJump, 3, min))).toEqual([['walk', 0, 5], ['jump', 5, 12]]);
    const towardWalk = rows([...Array(5).fill(row(0.8, 0.1, 0.1)), ...Array(2).fill(row(0.4, 0.5, 0.1)), ...Array(5).fill(row(0.1, 0.1, 0.8))]);
    expect(spans(derive(towardWalk, 3, min))).toEqual([['walk', 0, 7], ['jump', 7, 12]]);
  });

  it('A b A becomes one A', () => {
    const probs = rows([...Array(4).fill(row(0.8, 0.1, 0.1)), row(0.1, 0.8, 0.1), ...Array(4).fill(row(0.8, 0.1, 0.1))]);
    const [segment, ...rest] = derive(probs, 3, min);
    expect(rest).toEqual([]);
    expect(segment).toMatchObject({ label: 'walk', startFrame: 0, endFrame: 9, startSec: 0, endSec: expect.closeTo(0.9, 9) });
    expect(segment!.confidence).toBeCloseTo((8 * 0.8 + 0.1) / 9, 6); // the merged frame counts with its own walk probability
  });

  it('short runs go shortest first, and a run that grows is judged again', () => {
    // walk ×5 | run ×1 | jump ×2 | sit ×5: the run frame joins jump (0.3 s, still under 0.35),
    // then that jump run joins sit, which its frames resemble more than walk.
    const probs = rows([
      ...Array(5).fill([0.7, 0.1, 0.1, 0.1]),
      [0.1, 0.45, 0.4, 0.05],
      ...Array(2).fill([0.1, 0.1, 0.5, 0.3]),
      ...Array(5).fill([0.1, 0.1, 0.1, 0.7]),
    ]);
    expect(spans(derive(probs, 4, plain({ minSegmentSec: 0.35 })))).toEqual([['walk', 0, 5], ['sit', 5, 13]]);
  });

  it('unconfident frames separate runs: an isolated short run is dropped, not merged across the gap', () => {
    const probs = rows([...Array(4).fill(row(0.8, 0.1, 0.1)), row(0.3, 0.3, 0.4), row(0.1, 0.8, 0.1), row(0.3, 0.3, 0.4), ...Array(4).fill(row(0.8, 0.1, 0.1))]);
    expect(spans(derive(probs, 3, plain({ threshold: 0.5, minSegmentSec: 0.3 })))).toEqual([['walk', 0, 4], ['walk', 7, 11]]);
  });

  it('a short run at the end of the video joins its only neighbour', () => {
    const probs = rows([...Array(5).fill(row(0.8, 0.1, 0.1)), row(0.1, 0.8, 0.1)]);
    expect(spans(derive(probs, 3, min))).toEqual([['walk', 0, 6]]);
  });
});

describe('deriveSegments: time', () => {
  // Variable frame rate: frames 0–3 are 0.04 s apart, frames 4–7 0.2 s apart.
  const times = [0, 0.04, 0.08, 0.12, 0.16, 0.36, 0.56, 0.76, 0.96];

  it('segment bounds are the frame times, the last one ending at endTime', () => {
    const probs = pairs([0.9, 0.9, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9]);
    const segments = derive(probs, 2, plain(), times);
    expect(segments.map((s) => [s.label, s.startFrame, s.endFrame, s.startSec, s.endSec])).toEqual([
      ['walk', 0, 2, 0, 0.04 * 2],
      ['run', 2, 5, 0.08, 0.36],
      ['walk', 5, 8, 0.36, 0.96],
    ]);
  });

  it('the minimum duration is in seconds, not frames', () => {
    // Both "run" runs have 2 frames: the first lasts 0.08 s and is merged away, the second lasts
    // 0.4 s and stays (taking in the 0.2 s walk frame after it).
    const probs = pairs([0.9, 0.1, 0.1, 0.9, 0.9, 0.1, 0.1, 0.9]);
    const segments = derive(probs, 2, plain({ minSegmentSec: 0.3 }), times);
    expect(spans(segments)).toEqual([['walk', 0, 5], ['run', 5, 8]]);
  });

  it('re-derives an hour at 30 fps with 11 classes well within a second (npm run bench:postprocess has the full figures)', () => {
    const frameCount = 108_000;
    const probs = randomProbs(frameCount, 11, seededRandom(2));
    const started = performance.now();
    const segments = deriveSegments(probs, {
      frameCount,
      classCount: 11,
      labels: Array.from({ length: 11 }, (_, c) => `class ${c}`),
      frameTimes: (f) => f / 30,
      endTime: frameCount / 30,
      postprocess: plain({ smoothing: { kind: 'moving-average', windowFrames: 5 }, threshold: 0.2, minSegmentSec: 0.3, hysteresis: 0.05 }),
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(segments.length).toBeGreaterThan(0);
  });

  it('random inputs: segments are ordered, disjoint, long enough and carry their frame times', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 30; trial++) {
      const frameCount = 1 + Math.floor(random() * 300);
      const classCount = 2 + Math.floor(random() * 3);
      const frameTimes = [0];
      for (let f = 0; f < frameCount; f++) frameTimes.push(frameTimes[f]! + 0.01 + random() * 0.1);
      const postprocess = plain({
        smoothing: { kind: trial % 2 ? 'median' : 'moving-average', windowFrames: 1 + 2 * Math.floor(random() * 4) },
        threshold: random() * 0.6,
        minSegmentSec: random() * 0.5,
        hysteresis: random() * 0.1,
        viterbi: { enabled: trial % 3 === 0, switchPenalty: random() * 5 },
      });
      const segments = derive(randomProbs(frameCount, classCount, random), classCount, postprocess, frameTimes);
      let previousEnd = 0;
      for (const s of segments) {
        expect(s.startFrame).toBeGreaterThanOrEqual(previousEnd);
        expect(s.endFrame).toBeGreaterThan(s.startFrame);
        expect(s.endFrame).toBeLessThanOrEqual(frameCount);
        expect(s.endSec - s.startSec).toBeGreaterThanOrEqual(postprocess.minSegmentSec);
        expect([s.startSec, s.endSec]).toEqual([frameTimes[s.startFrame], frameTimes[s.endFrame]]);
        expect(s.label).toBe(LABELS[s.classIndex]);
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
        previousEnd = s.endFrame;
      }
    }
  });
});

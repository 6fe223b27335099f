/**
 * The app's metrics equal the Python recipe's (models/training/metrics.py) on the same per-frame
 * probabilities, including the recipe's rule for a clip's label (argmax of the mean probability).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipMetrics, segmentationMetrics } from '../../../src/main/core/eval/metrics/index.js';
import { clipScores, frameLabels } from '../../../src/main/core/eval/predictions.js';
import { seededRandom } from '../../helpers/random.js';

const PYTHON = '/usr/bin/python3';
const numpyMissing = spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status !== 0;

function frameProbs(random: () => number, frames: number, classes: number, truth: (f: number) => number): number[][] {
  return Array.from({ length: frames }, (_, f) => {
    // Mostly the true class, sometimes another, with noise: realistic confusion and ragged segments.
    const shown = random() < 0.3 ? Math.floor(random() * classes) : truth(f);
    const raw = Array.from({ length: classes }, (_, c) => Math.exp((c === shown ? 2 : 0) + random()));
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((v) => Math.fround(v / sum));
  });
}

describe.skipIf(numpyMissing)(`TypeScript metrics equal the Python recipe's${numpyMissing ? ` (skipped: ${PYTHON} has no numpy)` : ''}`, () => {
  it('on 200 clips and 12 sequences of random predictions', () => {
    const random = seededRandom(2024);
    const classes = 6;
    const clips = Array.from({ length: 200 }, () => {
      const truth = Math.floor(random() * 5); // class 5 never true: an empty class
      return { truth, frameProbs: frameProbs(random, 5 + Math.floor(random() * 30), classes, () => truth) };
    });
    const sequences = Array.from({ length: 12 }, () => {
      const frames = 40 + Math.floor(random() * 200);
      const cuts = [0, ...Array.from({ length: 4 }, () => Math.floor(random() * frames)).sort((a, b) => a - b), frames];
      const labels = Array.from({ length: frames }, (_, f) => cuts.findIndex((c, i) => f >= c && f < cuts[i + 1]!) % classes);
      return { truth: labels, frameProbs: frameProbs(random, frames, classes, (f) => labels[f]!) };
    });
    const dir = mkdtempSync(join(tmpdir(), 'parity-'));
    const file = join(dir, 'predictions.json');
    writeFileSync(file, JSON.stringify({ classes, clips, sequences }));
    const python = JSON.parse(execFileSync(PYTHON, [join(import.meta.dirname, 'recipe_metrics.py'), file], { encoding: 'utf8' })) as {
      clip_top1: number;
      clip_mean_class_accuracy: number;
      confusion: number[][];
      segmentation: Record<string, number>;
    };

    const flat = (rows: number[][]) => ({ probs: Float32Array.from(rows.flat()), frameCount: rows.length, classCount: classes });
    const clip = clipMetrics(clips.map((c) => c.truth), clips.map((c) => clipScores(flat(c.frameProbs))), classes);
    expect(clip.top1).toBeCloseTo(python.clip_top1, 9);
    expect(clip.meanClassAccuracy).toBeCloseTo(python.clip_mean_class_accuracy, 9);
    expect(clip.confusion).toEqual(python.confusion);
    expect(clip.top1).toBeGreaterThan(30); // not a degenerate case
    expect(clip.top1).toBeLessThan(100);

    const seg = segmentationMetrics(sequences.map((s) => ({ truth: s.truth, predicted: frameLabels(flat(s.frameProbs)) })));
    expect(seg.frameAccuracy).toBeCloseTo(python.segmentation.frame_accuracy!, 9);
    expect(seg.edit).toBeCloseTo(python.segmentation.edit!, 9);
    expect(seg.f1['10']).toBeCloseTo(python.segmentation['f1@10']!, 9);
    expect(seg.f1['25']).toBeCloseTo(python.segmentation['f1@25']!, 9);
    expect(seg.f1['50']).toBeCloseTo(python.segmentation['f1@50']!, 9);
    expect(seg.edit).toBeLessThan(100);
  });
});

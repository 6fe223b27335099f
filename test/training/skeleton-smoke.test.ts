/**
 * Two optimiser steps of every skeleton family, end to end: motion data (npm run dataset:skeleton)
 * → training → synthetic test evaluation → ONNX + manifest + metrics + card, then the exported
 * model run through onnxruntime-node the way its manifest says (models/skeleton/run-model.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SkeletonModel } from '../../models/skeleton/run-model.js';
import { tmpDir } from '../helpers/clips.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasTorch)(`skeleton training smoke test${hasTorch ? '' : ' (skipped: /usr/bin/python3 cannot import torch and numpy: apt-get install python3-torch python3-numpy)'}`, () => {
  let data = '';
  let work = '';

  beforeAll(() => {
    const dir = tmpDir('skeleton');
    data = path.join(dir, 'data');
    work = path.join(dir, 'work');
    execFileSync(process.execPath, ['--import', 'tsx', 'models/dataset/skeleton-cli.ts', '--out', data, '--clips', '44', '--sequences', '4', '--seed', '5'], { cwd: REPO, stdio: 'ignore' });
  }, 120_000);

  it('the motion data holds 17 keypoints per frame and a label per frame for every item', () => {
    const meta = JSON.parse(readFileSync(path.join(data, 'skeletons.json'), 'utf8')) as { items: { split: string; frames: number }[]; keypoints: string[] };
    expect(meta.keypoints).toHaveLength(17);
    expect(meta.items).toHaveLength(48);
    for (const split of ['train', 'val', 'test']) {
      const frames = meta.items.filter((i) => i.split === split).reduce((n, i) => n + i.frames, 0);
      expect(statSync(path.join(data, `${split}.points.f32`)).size).toBe(frames * 17 * 3 * 4);
      expect(statSync(path.join(data, `${split}.labels.u8`)).size).toBe(frames);
    }
  });

  for (const family of ['pose-gru', 'pose-lstm', 'pose-framewise', 'pose-stgcn', 'pose-3dcnn', 'pose-two-stream']) {
    it(`${family}: trains two steps, exports an ONNX model its manifest describes, and the model runs`, async () => {
      const out = path.join(work, family);
      const result = spawnSync(PYTHON, ['models/training/train_skeleton.py', '--family', family, '--data', data, '--out', out, '--smoke-steps', '2'], { cwd: REPO, encoding: 'utf8' });
      expect(result.status, result.stderr.slice(-2000)).toBe(0);
      for (const file of ['model.onnx', 'manifest.json', 'metrics.json', 'MODEL_CARD.md']) expect(existsSync(path.join(out, file)), file).toBe(true);
      // Until realdev-cli.ts --record measures it, the card says real footage is unmeasured (not a pointer to nothing).
      const card = readFileSync(path.join(out, 'MODEL_CARD.md'), 'utf8');
      expect(card).toMatch(/^Real footage: not measured yet/m);
      expect(card).not.toMatch(/\{\w+\}/); // no template slot left unfilled
      const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')) as {
        steps: number;
        plannedSteps: number;
        stoppedBy: string;
        seeds: { training: number; data: number };
        versions: { torch: string; numpy: string; onnx: string; threads: number };
        confusion: number[][];
        clips: number;
      };
      // The run stops on its step count and records what it ran with.
      expect(metrics.steps).toBe(2);
      expect(metrics.plannedSteps).toBe(2);
      expect(metrics.stoppedBy).toBe('steps');
      expect(metrics.seeds).toMatchObject({ training: 1, data: 5 });
      expect(metrics.versions.threads).toBe(1);
      for (const lib of ['torch', 'numpy', 'onnx'] as const) expect(metrics.versions[lib]).toMatch(/^\d+\.\d+/);
      expect(metrics.confusion).toHaveLength(11);
      expect(metrics.clips).toBeGreaterThan(0);
      const model = await SkeletonModel.load(out);
      expect(model.manifest.id).toBe(family);
      expect(model.manifest.inputs.keypoints.shape.slice(-2)).toEqual([17, 3]);
      // 40 frames of a standing person, then nobody (all scores 0): one probability row per frame.
      const person = Float32Array.from({ length: 51 }, (_, k) => (k % 3 === 2 ? 0.8 : 100 + 7 * Math.floor(k / 3) + (k % 3)));
      const frames = [...Array.from({ length: 40 }, () => person), ...Array.from({ length: 30 }, () => new Float32Array(51))];
      const probs = await model.frameProbs(frames, 25);
      expect(probs).toHaveLength(70);
      for (const row of probs) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }, 600_000);
  }
});

/**
 * A few optimiser steps of every family of the training recipe, end to end: dataset → training →
 * evaluation → ONNX + manifest + model card + parity record. CI does not train for real; this
 * proves the recipe still runs where Debian's python3-torch is installed (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema } from '../../src/shared/manifest.js';
import { tmpDir } from '../helpers/clips.js';

const REPO = path.resolve(import.meta.dirname, '../..');

interface TrainingMetrics {
  clips: number;
  confusion: number[][];
  steps: number;
  scheduledSteps: number;
  stoppedBy: string;
  seed: number;
  seeds: Record<string, number>;
  threads: { intraOp: number; interOp: number };
  versions: Record<string, string | null>;
}
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, torchvision, cv2, numpy'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasTorch)(`training recipe smoke test${hasTorch ? '' : ' (skipped: /usr/bin/python3 cannot import torch, torchvision, cv2 and numpy: apt-get install python3-torch python3-torchvision python3-opencv python3-numpy)'}`, () => {
  let data = '';
  let work = '';
  let corrupt = '';

  beforeAll(() => {
    const dir = tmpDir('training');
    data = path.join(dir, 'data');
    work = path.join(dir, 'work');
    const args = ['--import', 'tsx', 'models/dataset/cli.ts', '--out', data, '--clips', '33', '--sequences', '4', '--seed', '3', '--max-size', '240x180'];
    execFileSync(process.execPath, args, { cwd: REPO, stdio: 'ignore' });
    // A clip cut in half must be listed and left out, never trained on.
    const meta = JSON.parse(readFileSync(path.join(data, 'dataset.json'), 'utf8')) as { items: string[] };
    corrupt = path.join(data, meta.items.find((item) => item.startsWith('train/clips/'))!.replace(/\.json$/, '.mp4'));
    truncateSync(corrupt, Math.floor(statSync(corrupt).size / 2));
  }, 180_000);

  for (const family of ['framewise', 'cnn-lstm', 'cnn-gru', '3d-cnn', 'two-stream']) {
    it(`${family}: trains a few steps and writes model.onnx, a valid manifest, metrics, a card and a parity record`, () => {
      const out = path.join(work, family);
      const result = spawnSync(PYTHON, ['models/training/train.py', '--family', family, '--data', data, '--out', out, '--work', work, '--smoke-steps', '2'], { cwd: REPO, encoding: 'utf8' });
      expect(result.status, result.stderr.slice(-2000)).toBe(0);
      if (family === 'framewise') expect(result.stdout).toContain(`skipped (not trained on): ${corrupt}`);
      const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
      expect(manifest.id).toBe(family);
      for (const file of ['model.onnx', 'metrics.json', 'MODEL_CARD.md', 'parity.json']) expect(existsSync(path.join(out, file)), file).toBe(true);
      expect(statSync(path.join(out, 'model.onnx')).size).toBeLessThan(10 * 1024 * 1024);
      const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8')) as TrainingMetrics;
      expect(metrics.confusion).toHaveLength(11);
      expect(metrics.clips).toBeGreaterThan(0);
      // Reproducibility record: stopped by its step schedule (not the clock), with seeds, threads and versions.
      expect(metrics).toMatchObject({ steps: 2, scheduledSteps: 2, stoppedBy: 'steps', seed: 1, seeds: { python: 1, torch: 1, numpy: 1 } });
      expect(metrics.threads.intraOp).toBeGreaterThan(0);
      expect(metrics.versions.torch).toMatch(/^\d+\.\d+/);
      expect(metrics.versions.numpy).toMatch(/^\d+\.\d+/);
    }, 300_000);
  }

  it('the recurrent and 3D families refuse to start without the framewise backbone', () => {
    const result = spawnSync(PYTHON, ['models/training/train.py', '--family', 'cnn-lstm', '--data', data, '--work', path.join(work, 'empty'), '--smoke-steps', '1'], { cwd: REPO, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Train the framewise family first');
  }, 120_000);
});

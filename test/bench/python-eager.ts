/**
 * The same analysis done the way a researcher would in Python (models/training/bench_eager.py:
 * OpenCV VideoCapture + PyTorch eager of the training recipe's architecture), for comparison
 * with the engine in bench:analyze. Only the default models' architectures have a Python twin.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ModelManifest } from '../../src/shared/manifest.js';

const PYTHON = process.env.ACTIONLENS_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.resolve(import.meta.dirname, '../../models/training/bench_eager.py');

/** Training-recipe family of a default model's architecture (models/training/train.py FAMILIES). */
const RECIPE_FAMILY: Record<string, string> = {
  'framewise-cnn': 'framewise',
  'cnn-lstm': 'cnn-lstm',
  'cnn-gru': 'cnn-gru',
  'mc3-small': '3d-cnn',
  'two-stream-late-fusion': 'two-stream',
};

export type EagerResult = { fps: number; frames: number } | { skipped: string };

export function pythonEager(manifest: ModelManifest, clip: string): EagerResult {
  const family = RECIPE_FAMILY[manifest.architecture];
  if (!family) return { skipped: `architecture ${manifest.architecture} has no Python twin in the training recipe` };
  const result = spawnSync(PYTHON, [SCRIPT, '--family', family, '--video', clip], { encoding: 'utf8' });
  if (result.status !== 0) return { skipped: `${PYTHON} ${path.basename(SCRIPT)} failed: ${(result.stderr || result.error?.message || '').trim().split('\n').at(-1)}` };
  const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { fps: number; frames: number };
  return { fps: parsed.fps, frames: parsed.frames };
}

/**
 * What a model was trained on, in words, for the model lists (UI and CLI): issue 11 asks the app to
 * say it next to each model's name, because the RGB families learned the project's renderer and
 * fail on real footage while the skeleton families were trained on synthetic motion and checked
 * on real clips. [Note: from the model's own files] The training command in the manifest names
 * the project's training script (models/training/train.py: rendered figures;
 * train_skeleton.py: synthetic motion) and the optional metrics.json beside it holds the
 * real-footage check: `realDevEval` (the app's own `actionlens eval` on real-dev, recorded by
 * models/training/record_realdev_eval.py), else `realDev` (models/skeleton/realdev-cli.ts); the
 * figure is the mean class accuracy. An imported model with neither gets no note.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelManifest } from '../../../shared/manifest.js';

export const METRICS_FILE = 'metrics.json';

interface Metrics {
  realDevEval?: { meanClassAccuracy?: unknown };
  realDev?: { meanClassAccuracy?: unknown };
}

export async function trainingNote(folder: string, manifest: ModelManifest): Promise<string | null> {
  const metrics = await readFile(path.join(folder, METRICS_FILE), 'utf8')
    .then((text) => JSON.parse(text) as Metrics)
    .catch(() => null);
  const accuracy = metrics?.realDevEval?.meanClassAccuracy ?? metrics?.realDev?.meanClassAccuracy;
  const command = typeof manifest.training?.command === 'string' ? manifest.training.command : '';
  const source = command.includes('train_skeleton.py') ? 'synthetic motion' : command.includes('models/training/train.py') ? 'rendered figures' : null;
  const checked = typeof accuracy === 'number' ? `checked on real footage: ${Math.round(accuracy)}% real-dev` : null;
  if (!source) return checked;
  return checked ? `${source}, ${checked}` : `${source} only`;
}

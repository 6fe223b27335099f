/** The "trained on" note beside each model's name comes from the model's own files: its training command and metrics.json. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingNote } from '../../../src/main/core/models/training-note.js';
import type { ModelManifest } from '../../../src/shared/manifest.js';
import { tmpDir } from '../../helpers/clips.js';

const manifest = (command?: string) => ({ id: 'm', training: command ? { command } : undefined }) as unknown as ModelManifest;

describe('trainingNote', () => {
  it('names the training data from the project training script, with the real-dev check from metrics.json (the app eval first)', async () => {
    const dir = tmpDir('training-note');
    expect(await trainingNote(dir, manifest('/usr/bin/python3 models/training/train.py --family framewise'))).toBe('rendered figures only');
    writeFileSync(path.join(dir, 'metrics.json'), JSON.stringify({ realDev: { meanClassAccuracy: 74.24 } }));
    expect(await trainingNote(dir, manifest('/usr/bin/python3 models/training/train_skeleton.py --family pose-gru'))).toBe('synthetic motion, checked on real footage: 74% real-dev');
    writeFileSync(path.join(dir, 'metrics.json'), JSON.stringify({ realDev: { meanClassAccuracy: 74.24 }, realDevEval: { meanClassAccuracy: 69.7 } }));
    expect(await trainingNote(dir, manifest('/usr/bin/python3 models/training/train_skeleton.py --family pose-gru'))).toBe('synthetic motion, checked on real footage: 70% real-dev');
    expect(await trainingNote(dir, manifest('python export.py'))).toBe('checked on real footage: 70% real-dev');
    writeFileSync(path.join(dir, 'metrics.json'), 'not json');
    expect(await trainingNote(dir, manifest())).toBeNull();
  });
});

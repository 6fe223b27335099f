/**
 * The committed skeleton models (models/pose-*) run in onnxruntime-node exactly as their manifests
 * say (models/skeleton/run-model.ts: recurrent models in 64-frame chunks with every state carried,
 * clip models as causal windows) and agree with PyTorch's probabilities recorded at training time
 * (parity.json, models/training/skeleton_parity.py) on the same keypoints.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkeletonModel } from '../../models/skeleton/run-model.js';

const MODELS = path.resolve(import.meta.dirname, '../../models');
const FAMILIES = ['pose-gru', 'pose-lstm', 'pose-framewise', 'pose-stgcn', 'pose-3dcnn', 'pose-two-stream'];

interface Parity {
  tolerance: number;
  clips: { fps: number; keypoints: number[][][]; probabilities: number[][] }[];
}

describe('skeleton models: ONNX in the app agrees with PyTorch', () => {
  for (const family of FAMILIES) {
    const dir = path.join(MODELS, family);
    const present = existsSync(path.join(dir, 'parity.json')) && existsSync(path.join(dir, 'model.onnx'));
    it.skipIf(!present)(`${family}${present ? '' : ` (skipped: ${family} has no model.onnx and parity.json in models/; train it with models/training/train_skeleton.py)`}`, async () => {
      const parity = JSON.parse(readFileSync(path.join(dir, 'parity.json'), 'utf8')) as Parity;
      const model = await SkeletonModel.load(dir);
      expect(parity.clips.length).toBeGreaterThan(0);
      for (const clip of parity.clips) {
        const probs = await model.frameProbs(clip.keypoints.map((f) => Float32Array.from(f.flat())), clip.fps);
        expect(probs).toHaveLength(clip.probabilities.length);
        let worst = 0;
        probs.forEach((row, t) => row.forEach((v, c) => (worst = Math.max(worst, Math.abs(v - (clip.probabilities[t]![c] as number))))));
        expect(worst).toBeLessThanOrEqual(parity.tolerance);
      }
    }, 60_000);
  }
});

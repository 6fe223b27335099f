/**
 * The skeleton families' manifests (models/pose-*, written by models/training/skeleton_export.py)
 * are accepted as they are: schema, consistency and graph checks, and the import dry run on zeros
 * feeds their keypoint inputs. Broken variants are refused with the field named.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFileSchema } from '../../../src/shared/manifest.js';
import { manifestConsistencyIssues } from '../../../src/main/core/models/consistency.js';
import { dryRun } from '../../../src/main/core/models/dry-run.js';
import { readModelFolder } from '../../../src/main/core/models/manifest-file.js';

const MODELS = path.resolve(import.meta.dirname, '../../../models');
const FAMILIES = ['pose-framewise', 'pose-gru', 'pose-lstm', 'pose-two-stream'];
const json = (family: string) => JSON.parse(readFileSync(path.join(MODELS, family, 'manifest.json'), 'utf8')) as Record<string, unknown> & { inputs: Record<string, Record<string, unknown>> };
const problems = (value: unknown) => {
  const parsed = manifestFileSchema.safeParse(value);
  return parsed.success ? manifestConsistencyIssues(parsed.data as never).map((i) => `${i.field}: ${i.message}`) : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('skeleton manifests', () => {
  for (const family of FAMILIES) {
    const present = existsSync(path.join(MODELS, family, 'model.onnx'));
    it.skipIf(!present)(`${family}: accepted as exported, and the dry run on zeros feeds its keypoints${present ? '' : ' (skipped: models/' + family + '/model.onnx is absent)'}`, async () => {
      const folder = await readModelFolder(path.join(MODELS, family));
      expect(folder.manifest.inputs.keypoints?.name).toBe('keypoints');
      expect(folder.manifest.preprocess).toBeUndefined();
      const result = await dryRun(folder.modelFile, folder.manifest);
      expect(result.inputs.keypoints!.slice(-2)).toEqual([17, 3]);
      expect(Object.values(result.outputs).some((dims) => dims.at(-1) === 11)).toBe(true);
    }, 60_000);
  }

  it('refuses a skeleton manifest with a preprocess, with both inputs, or with neither', () => {
    const gru = json('pose-gru');
    expect(problems({ ...gru, preprocess: { width: 1, height: 1, resize: 'stretch', colorOrder: 'RGB', valueRange: '0-1', mean: [0, 0, 0], std: [1, 1, 1] } })).toContainEqual(expect.stringMatching(/^preprocess: .*graph normalises/));
    expect(problems({ ...gru, inputs: { ...gru.inputs, rgb: { name: 'rgb', layout: 'NCHW', shape: [1, 3, 8, 8] } } })).toContainEqual(expect.stringMatching(/^inputs: .*exactly one/));
    const { keypoints: _dropped, ...rest } = gru.inputs;
    expect(problems({ ...gru, inputs: rest })).toContainEqual(expect.stringMatching(/^inputs: .*exactly one/));
    const { keypoints: _spec, ...noSpec } = gru;
    expect(problems(noSpec)).toContainEqual(expect.stringMatching(/^keypoints: /));
  });

  it('refuses keypoint shapes and layouts the engine cannot feed, naming the field', () => {
    const clip = json('pose-two-stream');
    expect(problems({ ...clip, inputs: { ...clip.inputs, keypoints: { ...clip.inputs.keypoints, shape: ['batch', 32, 18, 3] } } })).toEqual(['inputs.keypoints.shape.2: is 18, expected 17 (the 17 COCO keypoints)']);
    expect(problems({ ...clip, inputs: { ...clip.inputs, keypoints: { ...clip.inputs.keypoints, shape: ['batch', 16, 17, 3] } } })).toEqual(['inputs.keypoints.shape.1: is 16, expected 32 (clip.length)']);
    expect(problems({ ...clip, inputs: { ...clip.inputs, keypoints: { ...clip.inputs.keypoints, layout: 'NVC', shape: ['batch', 17, 3] } } })[0]).toMatch(/^inputs.keypoints.layout: a clip skeleton model is fed NTVC/);
    const framewise = json('pose-framewise');
    expect(problems({ ...framewise, family: 'two-stream', clip: { length: 2, frameInterval: 1 } })).toContainEqual(expect.stringMatching(/^family: /));
    expect(problems({ ...framewise, inputs: { ...framewise.inputs, keypoints: { ...framewise.inputs.keypoints, layout: 'NCHW' } } })[0]).toMatch(/^inputs.keypoints.layout: /);
  });
});

/** The tiny test models (test/fixtures/models, written by models/testing/make_test_models.py) and helpers around them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { manifestSchema, type ModelManifest } from '../../../src/shared/manifest.js';
import { REPO_ROOT } from '../../helpers/clips.js';

export const FIXTURE_MODELS_DIR = path.join(REPO_ROOT, 'test/fixtures/models');
export const FIXTURE_MODEL_IDS = ['test-frame', 'test-recurrent', 'test-clip', 'test-two-stream'] as const;
export type FixtureModelId = (typeof FIXTURE_MODEL_IDS)[number];

export function fixtureModelFile(id: FixtureModelId): string {
  return path.join(FIXTURE_MODELS_DIR, id, 'model.onnx');
}

export function fixtureManifest(id: FixtureModelId): ModelManifest {
  return manifestSchema.parse(JSON.parse(readFileSync(path.join(FIXTURE_MODELS_DIR, id, 'manifest.json'), 'utf8')));
}

export interface Reference {
  inputs: Record<string, number[]>;
  outputs: Record<string, { dims: number[]; data: number[] }>;
}

/** PyTorch's outputs for the patterned input (see make_test_models.py). */
export function fixtureReference(id: FixtureModelId): Reference {
  return JSON.parse(readFileSync(path.join(FIXTURE_MODELS_DIR, id, 'reference.json'), 'utf8')) as Reference;
}

/** The deterministic input the references were computed on: sin(0.37 i) over the flat index. */
export function patterned(dims: number[]): Float32Array {
  const count = dims.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: count }, (_, i) => Math.sin(i * 0.37));
}

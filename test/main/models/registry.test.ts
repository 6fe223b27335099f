import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelRegistry, defaultModelDirs, readModelFolder } from '../../../src/main/core/models/index.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR, FIXTURE_MODEL_IDS, fixtureModelFile } from '../analysis/fixtures.js';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = tmpDir('models');
  store = openStore(path.join(dir, 'models.db'));
});

afterEach(() => {
  store.close();
});

/** A copy of a fixture model whose manifest is changed by `edit`. */
function modelCopy(name: string, edit: (manifest: Record<string, unknown>) => void, from = 'test-frame'): string {
  const folder = path.join(dir, 'user', name);
  cpSync(path.join(FIXTURE_MODELS_DIR, from), folder, { recursive: true });
  const file = path.join(folder, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest));
  return folder;
}

describe('model registry', () => {
  it('finds every fixture model, validates it and registers it with the SHA-256 of its weights', async () => {
    const registry = new ModelRegistry(store, [FIXTURE_MODELS_DIR]);
    const { models, problems } = await registry.refresh();
    expect(problems).toEqual([]);
    expect(models.map((m) => m.summary.id).sort()).toEqual([...FIXTURE_MODEL_IDS].sort());
    const frame = await registry.get('test-frame');
    const sha = createHash('sha256').update(readFileSync(fixtureModelFile('test-frame'))).digest('hex');
    expect(frame.summary).toMatchObject({ family: 'frame-classifier', sha256: sha, inputWidth: 32, inputHeight: 32, clip: null });
    expect(frame.summary.labels).toHaveLength(11);
    expect(store.models.get('test-frame')).toMatchObject({ family: 'frame-classifier', sha256: sha, classCount: 11, path: path.join(FIXTURE_MODELS_DIR, 'test-frame') });
    expect((await registry.get('test-clip')).summary.clip).toEqual({ length: 8, frameInterval: 2 });
  });

  it('takes a model folder given directly, and skips folders without a manifest silently', async () => {
    mkdirSync(path.join(dir, 'user', 'training-recipe'), { recursive: true });
    const registry = new ModelRegistry(store, [path.join(FIXTURE_MODELS_DIR, 'test-clip'), path.join(dir, 'user'), path.join(dir, 'nowhere')]);
    const { models, problems } = await registry.refresh();
    expect(models.map((m) => m.summary.id)).toEqual(['test-clip']);
    expect(problems).toEqual([]);
  });

  it('refuses a bad manifest naming the file and the field, and keeps the good models', async () => {
    const badLayout = modelCopy('bad-layout', (m) => ((m.inputs as { rgb: { layout: string } }).rgb.layout = 'NCTHW'));
    const badShape = modelCopy('bad-shape', (m) => ((m.inputs as { rgb: { shape: unknown[] } }).rgb.shape = ['N', 3, 48, 32]));
    const unknownField = modelCopy('unknown-field', (m) => (m.colour = 'blue'));
    const noModel = modelCopy('no-model', (m) => (m.id = 'no-model'));
    rmSync(path.join(noModel, 'model.onnx'));
    const notJson = path.join(dir, 'user', 'not-json');
    mkdirSync(notJson);
    writeFileSync(path.join(notJson, 'manifest.json'), '{ "schemaVersion": 1, ');

    const registry = new ModelRegistry(store, [FIXTURE_MODELS_DIR, path.join(dir, 'user')]);
    const { models, problems } = await registry.refresh();
    expect(models).toHaveLength(FIXTURE_MODEL_IDS.length);
    const problem = (folder: string) => problems.find((p) => p.dir === folder)?.message;
    expect(problem(badLayout)).toBe(`${badLayout}/manifest.json: "inputs.rgb.layout": a frame-classifier model is fed NCHW or NSCHW, not NCTHW.`);
    expect(problem(badShape)).toBe(`${badShape}/manifest.json: "inputs.rgb.shape.2": is 48, expected 32 (preprocess.height).`);
    expect(problem(unknownField)).toMatch(/manifest\.json: "\(manifest\)": Unrecognized key: "colour"/);
    expect(problem(noModel)).toBe(`${noModel}/model.onnx: the model file is missing (every model folder holds manifest.json and model.onnx).`);
    expect(problem(notJson)).toMatch(/not-json\/manifest\.json is not JSON: a manifest is JSON/);
  });

  it('reports a second folder declaring an id already taken, and keeps the first', async () => {
    const copy = modelCopy('test-frame', () => undefined);
    const registry = new ModelRegistry(store, [FIXTURE_MODELS_DIR, path.join(dir, 'user')]);
    const { problems } = await registry.refresh();
    expect((await registry.get('test-frame')).summary.dir).toBe(path.join(FIXTURE_MODELS_DIR, 'test-frame'));
    expect(problems).toEqual([{ dir: copy, message: `model id "test-frame" is already taken by ${path.join(FIXTURE_MODELS_DIR, 'test-frame')}; this copy is ignored` }]);
  });

  it('an unknown id is NOT_FOUND and lists what there is; a refused one says why', async () => {
    modelCopy('broken', (m) => ((m.preprocess as { colorOrder: string }).colorOrder = 'YUV'));
    const registry = new ModelRegistry(store, [path.join(FIXTURE_MODELS_DIR, 'test-frame'), path.join(dir, 'user')]);
    await expect(registry.get('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('(available: test-frame)') });
    await expect(registry.get('broken')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/cannot be used: .*"preprocess.colorOrder"/) });
  });

  it('checks what the schema cannot: two-stream windows against flow pairs, crops against short sides', async () => {
    const twoStream = modelCopy('two', (m) => ((m.clip as { length: number }).length = 5), 'test-two-stream');
    await expect(readModelFolder(twoStream)).rejects.toMatchObject({ field: 'clip.length', message: expect.stringContaining('flow.pairs 2 needs 3 frames per window') });
    const clip = modelCopy('clip', (m) => ((m.preprocess as { shortSide: number }).shortSide = 24), 'test-clip');
    await expect(readModelFolder(clip)).rejects.toMatchObject({ field: 'preprocess.shortSide', message: expect.stringContaining('24 is smaller than the 32x32 crop') });
  });
});

describe('model folders', () => {
  it('are the defaults, then the user data folder, then ACTIONLENS_MODEL_PATH', () => {
    const env = { ACTIONLENS_MODEL_PATH: ['/a', '/b'].join(path.delimiter) };
    expect(defaultModelDirs('/data', env, '/app/models')).toEqual(['/app/models', path.join('/data', 'models'), '/a', '/b']);
    expect(defaultModelDirs('/data', {}, '/app/models')).toEqual(['/app/models', path.join('/data', 'models')]);
  });
});

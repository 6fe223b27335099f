/**
 * The contract's model calls through the dispatcher, as IPC and HTTP run them: a real ONNX
 * fixture imported into a real data folder, its stages and change events, show/remove, and the
 * refusals (truncated file, a default model, a model with stored runs) with their messages.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import type { AppCore } from '../../../src/main/core/app.js';
import type { EventName } from '../../../src/shared/channels.js';
import type { CallResult } from '../../../src/shared/contract.js';
import type { SerializedError } from '../../../src/shared/errors.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, useTestCore } from '../analysis/core.js';
import { FIXTURE_MODELS_DIR, fixtureModelFile } from '../analysis/fixtures.js';

/** A data folder whose core scans the fixture models (as defaults) and <data folder>/models, and a copy of test-frame's manifest under another id. */
function setUp(cores: ReturnType<typeof useTestCore>, id: string) {
  const dir = tmpDir('api-models');
  const importDir = path.join(dir, 'models');
  const manifest = path.join(dir, `${id}.json`);
  const source = JSON.parse(readFileSync(path.join(FIXTURE_MODELS_DIR, 'test-frame', 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(manifest, JSON.stringify({ ...source, id, name: `Imported ${id}` }));
  const core = cores.open({ databaseFile: path.join(dir, 'api.db'), modelDirs: [FIXTURE_MODELS_DIR, importDir] });
  const events: { name: EventName; payload: unknown }[] = [];
  for (const name of ['models.changed', 'models.importStage'] as const) core.on(name, (payload) => events.push({ name, payload }));
  return { dir, importDir, manifest, core, events };
}

async function call<R>(core: AppCore, name: string, args: unknown): Promise<R> {
  const outcome = await dispatchCall(core.handlers, name, args);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
  return outcome.value as R;
}

async function refusal(core: AppCore, name: string, args: unknown): Promise<SerializedError> {
  const outcome = await dispatchCall(core.handlers, name, args);
  if (outcome.ok) throw new Error(`${name} was expected to fail, returned ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

describe('models.* calls', () => {
  const cores = useTestCore();

  it('imports through the contract: stages in order, models.changed, listed, shown as imported, removed', async () => {
    const { importDir, manifest, core, events } = setUp(cores, 'api-frame');
    const modelPath = fixtureModelFile('test-frame');

    const result = await call<CallResult<'models.import'>>(core, 'models.import', { modelPath, manifestPath: manifest });
    expect(result.model).toMatchObject({ id: 'api-frame', name: 'Imported api-frame', family: 'frame-classifier' });
    expect(path.dirname(result.dir)).toBe(importDir);
    expect(result.bytes).toBe(readFileSync(modelPath).length);
    expect(result.dryRun.outputs.logits).toEqual([1, 11]);
    expect(events).toEqual([
      ...['checking', 'dry-run', 'copying', 'registering'].map((stage) => ({ name: 'models.importStage', payload: { stage, modelPath } })),
      { name: 'models.changed', payload: { reason: 'imported', id: 'api-frame' } },
    ]);

    const { models } = await call<CallResult<'models.list'>>(core, 'models.list', {});
    expect(models.map((m) => m.id)).toContain('api-frame');
    const shown = await call<CallResult<'models.show'>>(core, 'models.show', { id: 'api-frame' });
    expect(shown).toMatchObject({ origin: 'imported', bytes: result.bytes, summary: { dir: result.dir }, manifest: { id: 'api-frame' } });
    expect(shown.manifest.labels).toHaveLength(11);
    expect((await call<CallResult<'models.show'>>(core, 'models.show', { id: 'test-frame' })).origin).toBe('default');

    events.length = 0;
    expect(await call(core, 'models.remove', { id: 'api-frame' })).toEqual({ id: 'api-frame', dir: result.dir });
    expect(existsSync(result.dir)).toBe(false);
    expect(events).toEqual([{ name: 'models.changed', payload: { reason: 'removed', id: 'api-frame' } }]);
    expect((await call<CallResult<'models.list'>>(core, 'models.list', {})).models.map((m) => m.id)).not.toContain('api-frame');
    expect(await refusal(core, 'models.show', { id: 'api-frame' })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No model "api-frame"') });
  });

  it('refuses a truncated ONNX file naming the request field and the reason; nothing is copied, no models.changed', async () => {
    const { dir, importDir, manifest, core, events } = setUp(cores, 'cut-frame');
    const truncated = path.join(dir, 'truncated.onnx');
    writeFileSync(truncated, readFileSync(fixtureModelFile('test-frame')).subarray(0, 4000));

    const error = await refusal(core, 'models.import', { modelPath: truncated, manifestPath: manifest });
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'modelPath', file: truncated });
    expect(error.message).toMatch(new RegExp(`^${truncated.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the ONNX file is truncated: graph at byte 19 declares \\d+ bytes but only 3978 remain in the file\\.$`));
    expect(events).toEqual([{ name: 'models.importStage', payload: { stage: 'checking', modelPath: truncated } }]);
    expect(existsSync(importDir) ? readdirSync(importDir) : []).toEqual([]);
  });

  it('refuses a manifest that does not fit the graph, naming field, expected and found', async () => {
    const { dir, core } = setUp(cores, 'wrong-labels');
    const source = JSON.parse(readFileSync(path.join(FIXTURE_MODELS_DIR, 'test-frame', 'manifest.json'), 'utf8')) as { labels: string[] };
    const manifest = path.join(dir, 'wrong.json');
    writeFileSync(manifest, JSON.stringify({ ...source, id: 'wrong-labels', labels: source.labels.slice(0, 5) }));
    const error = await refusal(core, 'models.import', { modelPath: fixtureModelFile('test-frame'), manifestPath: manifest });
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'labels' });
    expect(error.message).toMatch(/: labels: expected 5 classes in output "logits" \(one per label\), found 11 classes\.$/);
  });

  it('refuses to remove a default model, and a model whose runs are stored (the copy stays)', async () => {
    const { dir, manifest, core, events } = setUp(cores, 'kept-frame');
    expect(await refusal(core, 'models.remove', { id: 'test-frame' })).toMatchObject({ field: 'id', message: expect.stringContaining('Model "test-frame" is not an imported model') });

    const { dir: modelDir } = await call<CallResult<'models.import'>>(core, 'models.import', { modelPath: fixtureModelFile('test-frame'), manifestPath: manifest });
    const video = await addVideo(core, await makeClip({ dir, name: 'walk.mp4', seconds: 1, fps: '10', width: 64, height: 48 }));
    expect((await analyse(core, video.id, 'kept-frame')).state).toBe('completed');
    events.length = 0;
    expect(await refusal(core, 'models.remove', { id: 'kept-frame' })).toMatchObject({
      field: 'id',
      message: expect.stringMatching(/^Model "kept-frame" cannot be removed: stored runs still use it; delete those runs first\./),
    });
    expect(existsSync(path.join(modelDir, 'model.onnx'))).toBe(true);
    expect(events).toEqual([]);
  });

  it('lists the presets with their documented preprocessing', async () => {
    const { core } = setUp(cores, 'unused');
    const presets = await call<CallResult<'models.presets'>>(core, 'models.presets', {});
    expect(presets.map((p) => p.name)).toEqual(expect.arrayContaining(['r3d_18', 'r2plus1d_18', 'mmaction2-2d', 'mmaction2-3d']));
    expect(presets.find((p) => p.name === 'r3d_18')).toMatchObject({ labelSet: 'kinetics400', labelCount: 400, documented: expect.stringMatching(/171/) });
  });

  it('refuses a preset the core does not know, naming the preset field', async () => {
    const { core } = setUp(cores, 'unused-2');
    const error = await refusal(core, 'models.import', { modelPath: fixtureModelFile('test-frame'), preset: 'resnet-9000' });
    expect(error).toMatchObject({ field: 'preset', message: expect.stringContaining('Unknown preset "resnet-9000"') });
  });
});

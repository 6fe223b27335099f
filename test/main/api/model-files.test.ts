/**
 * `models.import` reads files the caller names (the model, a manifest, a class list): only
 * regular files, bounded, never echoing a file's content, and every refusal names the field.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import type { SerializedError } from '../../../src/shared/errors.js';
import { tmpDir } from '../../helpers/clips.js';
import { useTestCore } from '../analysis/core.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

const SECRET = 'root:$6$Zm9vYmFyc2VjcmV0aGFzaA:19000:0:99999:7:::';

describe('models.import and models.* on any path or id', () => {
  const cores = useTestCore();

  function setUp() {
    const dir = tmpDir('model-files');
    const defaults = path.join(dir, 'defaults');
    cpSync(FIXTURE_MODELS_DIR, defaults, { recursive: true });
    mkdirSync(path.join(dir, 'models'));
    const core = cores.open({ databaseFile: path.join(dir, 'models.db'), modelDirs: [defaults, path.join(dir, 'models')] });
    const shadow = path.join(dir, 'shadow');
    writeFileSync(shadow, `${SECRET}\n`);
    return { core, shadow, model: path.join(defaults, 'test-frame', 'model.onnx') };
  }

  const refusal = async (core: ReturnType<typeof setUp>['core'], name: string, args: unknown): Promise<SerializedError> => {
    const outcome = await dispatchCall(core.handlers, name, args);
    if (outcome.ok) throw new Error(`${name} was expected to fail`);
    return outcome.error;
  };

  it('never repeats a manifest or class list that is some other file', async () => {
    const { core, shadow, model } = setUp();
    const asManifest = await refusal(core, 'models.import', { modelPath: model, manifestPath: shadow });
    expect(asManifest).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'manifestPath', message: `${shadow} is not JSON: a manifest is JSON` });
    const asLabels = await refusal(core, 'models.import', { modelPath: model, preset: 'r3d_18', labelsPath: shadow });
    expect(asLabels.field).toBe('labels');
    for (const error of [asManifest, asLabels]) expect(JSON.stringify(error)).not.toContain('Zm9v');
  });

  it('refuses a device or a FIFO as manifest or class list without reading it', async () => {
    const { core, model } = setUp();
    const manifest = await refusal(core, 'models.import', { modelPath: model, manifestPath: '/dev/zero' });
    expect(manifest).toMatchObject({ code: 'NOT_A_FILE', field: 'manifestPath', message: '/dev/zero is not a regular file: a manifest is a file' });
    const labels = await refusal(core, 'models.import', { modelPath: model, preset: 'r3d_18', labelsPath: '/dev/zero' });
    expect(labels).toMatchObject({ code: 'NOT_A_FILE', field: 'labelsPath', message: '/dev/zero is not a regular file: a class list is a file' });
  });

  it('names the field of the request: id for models.*, the place in the list for analysis.start', async () => {
    const { core } = setUp();
    expect(await refusal(core, 'models.show', { id: 'nope' })).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await refusal(core, 'models.remove', { id: 'nope' })).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await refusal(core, 'analysis.start', { videoIds: [999], modelIds: ['test-frame'] })).toMatchObject({ code: 'NOT_FOUND', field: 'videoIds.0' });
    expect(await refusal(core, 'media.probe', { path: '/dev/zero' })).toMatchObject({ code: 'NOT_A_FILE', field: 'path' });
  });
});

/** An imported model's stored runs keep it: remove refuses, and the store and the folder stay as they were. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, integrityCheck, useTestCore } from '../analysis/core.js';
import { FIXTURE_MODELS_DIR, fixtureModelFile } from '../analysis/fixtures.js';

describe('an imported model with stored runs', () => {
  const cores = useTestCore();

  it('is analysed like any model, and is not removed while its runs are stored', async () => {
    const dir = tmpDir('import-runs');
    const importDir = path.join(dir, 'models');
    const manifest = path.join(dir, 'manifest.json');
    const source = JSON.parse(readFileSync(path.join(FIXTURE_MODELS_DIR, 'test-frame', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(manifest, JSON.stringify({ ...source, id: 'mine' }));
    const core = cores.open({ modelDirs: [importDir], shippedModelsDir: path.join(dir, 'shipped') });
    const { dir: modelDir } = await core.models.import({ modelFile: fixtureModelFile('test-frame'), manifestFile: manifest }, importDir);

    const video = await addVideo(core, await makeClip({ dir, name: 'walk.mp4', seconds: 1, fps: '10', width: 64, height: 48 }));
    expect((await analyse(core, video.id, 'mine')).state).toBe('completed');

    await expect(core.models.remove('mine', importDir)).rejects.toMatchObject({ field: 'id', message: expect.stringMatching(/^Model "mine" cannot be removed: stored runs still use it; delete those runs first\./) });
    expect(existsSync(path.join(modelDir, 'model.onnx'))).toBe(true);
    expect(core.store.models.get('mine')).toBeDefined();
    expect(integrityCheck(core)).toBe('ok');
  });
});

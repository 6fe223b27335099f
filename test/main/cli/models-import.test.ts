/** `actionlens models add | list | show | remove | presets`, run as a user would: the real binary, a data folder of its own. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR, fixtureModelFile } from '../analysis/fixtures.js';

const BIN = resolve(import.meta.dirname, '../../../bin/actionlens.mjs');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let dataDir = '';

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ACTIONLENS_DATA_DIR: dataDir, ACTIONLENS_MODEL_PATH: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('actionlens models add/show/remove', () => {
  let manifest: string;

  beforeAll(() => {
    const dir = tmpDir('cli-models');
    dataDir = join(dir, 'data');
    const source = JSON.parse(readFileSync(join(FIXTURE_MODELS_DIR, 'test-clip', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    manifest = join(dir, 'my-clip.json');
    writeFileSync(manifest, JSON.stringify({ ...source, id: 'my-clip', name: 'My clip model' }));
  });

  it('adds a model with its manifest, then lists and shows it as imported', async () => {
    const added = await cli('models', 'add', fixtureModelFile('test-clip'), '--manifest', manifest);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^imported my-clip {2}clip \(tiny-c3d\), 32x32, 8-frame clips every 2, 11 labels\n {2}copied to {2}.*\/data\/models\/[0-9a-f]{16} \(\d+\.\d KiB, sha256 [0-9a-f]{64}\)\n {2}dry run {4}rgb \[1, 3, 8, 32, 32\] → logits \[1, 11\] in \d+ ms \(cpu\)\n$/);

    const list = await cli('models', 'list');
    expect(list.stdout).toMatch(/^my-clip +clip \(tiny-c3d\) v0\.1\.0, 32x32, 8-frame clips every 2, 11 labels {2}.*data\/models\/[0-9a-f]{16}$/m);

    const show = await cli('--json', 'models', 'show', 'my-clip');
    const details = JSON.parse(show.stdout) as { origin: string; dir: string; bytes: number; manifest: { id: string } };
    expect(details).toMatchObject({ origin: 'imported', bytes: readFileSync(fixtureModelFile('test-clip')).length, manifest: { id: 'my-clip' } });
    expect((await cli('models', 'show', 'my-clip')).stdout).toContain(`origin      imported (in ${join(dataDir, 'models')})`);
  });

  it('refuses a second import of the id with the field and exit status 1', async () => {
    const again = await cli('models', 'add', fixtureModelFile('test-clip'), '--manifest', manifest);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^actionlens: id: expected an id no model has, found "my-clip", already taken by .*; choose another id\.\n$/);
    const json = await cli('--json', 'models', 'add', fixtureModelFile('test-frame'), '--preset', 'r3d_18');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'INVALID_ARGUMENT', field: 'inputs.rgb.shape' } });
  });

  it('lists the presets with their documented transforms', async () => {
    const presets = await cli('models', 'presets');
    expect(presets.stdout).toContain('r3d_18          ResNet3D-18, 3D convolutions throughout; 400 kinetics400 labels');
    expect(presets.stdout).toContain('VideoClassification(crop_size=(112, 112), resize_size=(128, 171))');
    expect(JSON.parse((await cli('--json', 'models', 'presets')).stdout)).toHaveLength(8);
  });

  it('removes an imported model and its copy, and refuses to remove a default model', async () => {
    const { dir } = JSON.parse((await cli('--json', 'models', 'show', 'my-clip')).stdout) as { dir: string };
    const removed = await cli('models', 'remove', 'my-clip');
    expect(removed).toMatchObject({ code: 0, stdout: `removed  my-clip  (deleted ${dir})\n` });
    expect(existsSync(dir)).toBe(false);
    expect((await cli('models', 'list')).stdout).not.toContain('my-clip');
    const refused = await cli('models', 'remove', 'framewise');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Model "framewise" is not an imported model');
  });
});

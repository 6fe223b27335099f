/**
 * Issue 15: the data folder is explicit (ACTIONLENS_DATA_DIR or the per-user folder), shipped models are
 * never removed, a removal deletes only inside the data folder's own models store (real paths), and the
 * data folder and its files are private (0700 / 0600). Real files, a real store, the real CLI.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';
import { tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR, fixtureModelFile } from '../analysis/fixtures.js';
import { oneLine, runCli } from './run-cli.js';

const mode = (file: string) => statSync(file).mode & 0o777;
const cores: AppCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});
const open = (options: Parameters<typeof openAppCore>[0]) => {
  const core = openAppCore(options);
  cores.push(core);
  return core;
};

/** A checkout-like folder: shipped models in models/, and a database beside them (the layout of the original report). */
function checkout(): { root: string; shipped: string; model: string } {
  const root = tmpDir('checkout');
  const shipped = path.join(root, 'models');
  cpSync(path.join(FIXTURE_MODELS_DIR, 'test-frame'), path.join(shipped, 'framewise'), { recursive: true });
  return { root, shipped, model: path.join(shipped, 'framewise', 'model.onnx') };
}

describe('shipped models are never removed', () => {
  it('a database beside the shipped models/ (the original report): the data folder derived from it is refused', async () => {
    const { root, shipped, model } = checkout();
    // As before the fix: the data folder taken from the database's folder, so <data folder>/models is the shipped folder.
    const core = open({ databaseFile: path.join(root, 'actionlens.db'), shippedModelsDir: shipped, version: 'test' });
    await expect(core.models.remove('test-frame')).rejects.toThrow(/is in the models shipped with ActionLens .*never changed/);
    expect(existsSync(model)).toBe(true);
    expect(core.store.models.get('test-frame')).toBeDefined();
  });

  it('with the data folder explicit, the database\'s folder is just where the database is', async () => {
    const { root, shipped, model } = checkout();
    const dataDir = path.join(tmpDir('data'), 'ActionLens');
    const core = open({ dataDir, databaseFile: path.join(root, 'actionlens.db'), shippedModelsDir: shipped, version: 'test' });
    expect(core.models.importDir).toBe(path.join(dataDir, 'models'));
    expect((await core.models.show('test-frame')).origin).toBe('default');
    await expect(core.models.remove('test-frame')).rejects.toThrow(/Model "test-frame" is not an imported model: expected it in .*ActionLens\/models, found it in .*\/models\/framewise/);
    expect(existsSync(model)).toBe(true);
  });

  it('links cannot lead a removal outside the import folder', async () => {
    // An entry of the import folder that links elsewhere is not a model of it: never found, never deleted.
    const dataDir = tmpDir('data-link');
    const outside = path.join(tmpDir('outside'), 'precious');
    cpSync(path.join(FIXTURE_MODELS_DIR, 'test-clip'), outside, { recursive: true });
    mkdirSync(path.join(dataDir, 'models'), { recursive: true });
    symlinkSync(outside, path.join(dataDir, 'models', 'linked'));
    const { shipped, model } = checkout();
    const core = open({ dataDir, shippedModelsDir: shipped, version: 'test' });
    await expect(core.models.remove('test-clip')).rejects.toThrow(/No model "test-clip"/);
    expect(readdirSync(outside).sort()).toEqual(['manifest.json', 'model.onnx', 'reference.json']);
    // An import folder that is itself a link into the shipped models: refused by real path.
    const linkedData = tmpDir('data-linked-store');
    symlinkSync(shipped, path.join(linkedData, 'models'));
    const linked = open({ dataDir: linkedData, shippedModelsDir: shipped, version: 'test' });
    await expect(linked.models.remove('test-frame')).rejects.toThrow(/is not an imported model|shipped with ActionLens/);
    expect(existsSync(model)).toBe(true);
  });
});

describe('the CLI data folder is ACTIONLENS_DATA_DIR, whatever --db says', () => {
  it('imports go to <data folder>/models, not beside --db; the folder is 0700 and its files 0600', async () => {
    const dataDir = path.join(tmpDir('cli-data'), 'ActionLens');
    const elsewhere = tmpDir('cli-db');
    const env = { ACTIONLENS_DATA_DIR: dataDir, ACTIONLENS_MODEL_PATH: '' };
    const manifest = path.join(elsewhere, 'mine.json');
    writeFileSync(manifest, JSON.stringify({ ...(JSON.parse(readFileSync(path.join(FIXTURE_MODELS_DIR, 'test-frame', 'manifest.json'), 'utf8')) as object), id: 'mine' }));
    const added = await runCli(['--db', path.join(elsewhere, 'mine.db'), 'models', 'add', fixtureModelFile('test-frame'), '--manifest', manifest], env);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain(`copied to  ${path.join(dataDir, 'models')}`);
    expect(existsSync(path.join(elsewhere, 'models'))).toBe(false);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(elsewhere, 'mine.db'))).toBe(0o600);
    const [imported] = readdirSync(path.join(dataDir, 'models'));
    const folder = path.join(dataDir, 'models', imported!);
    expect(mode(folder)).toBe(0o700);
    expect(readdirSync(folder).map((f) => [f, mode(path.join(folder, f))])).toEqual([['manifest.json', 0o600], ['model.onnx', 0o600]]);
    const removed = await runCli(['--db', path.join(elsewhere, 'mine.db'), 'models', 'remove', 'mine'], env);
    expect(removed.code).toBe(0);
    expect(existsSync(folder)).toBe(false);
  });

  it('info names both: the data folder from ACTIONLENS_DATA_DIR, the database from --db', async () => {
    const dataDir = tmpDir('cli-info');
    const db = path.join(tmpDir('cli-info-db'), 'other.db');
    const info = await runCli(['--db', db, '--json', 'info'], { ACTIONLENS_DATA_DIR: dataDir });
    expect(JSON.parse(info.stdout)).toMatchObject({ dataDir, databaseFile: db });
  });

  it('a shipped model cannot be removed from the CLI', async () => {
    const env = { ACTIONLENS_DATA_DIR: tmpDir('cli-shipped'), ACTIONLENS_MODEL_PATH: '' };
    const list = await runCli(['models', 'list', '--json'], env);
    const shipped = (JSON.parse(list.stdout) as { models: { id: string; dir: string }[] }).models[0];
    expect(shipped, 'this checkout ships models in models/').toBeDefined();
    const result = await runCli(['models', 'remove', shipped!.id], env);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(new RegExp(`^actionlens: Model "${shipped!.id}" is not an imported model`));
    expect(existsSync(shipped!.dir)).toBe(true);
  });
});

describe('a private data folder', () => {
  it('database, WAL and shared-memory files are 0600 while open; the folder is 0700', () => {
    const dataDir = path.join(tmpDir('private'), 'ActionLens');
    const core = open({ dataDir, version: 'test' });
    core.store.videos.count();
    const db = path.join(dataDir, 'actionlens.db');
    expect([mode(dataDir), mode(db), mode(`${db}-wal`), mode(`${db}-shm`)]).toEqual([0o700, 0o600, 0o600, 0o600]);
  });

  it('an existing data folder left world-readable by an earlier version is tightened, with its database', async () => {
    const dataDir = path.join(tmpDir('loose'), 'ActionLens');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const db = path.join(dataDir, 'actionlens.db');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    open({ dataDir, version: 'test' });
    expect([mode(dataDir), mode(db)]).toEqual([0o700, 0o600]);
  });

  it('a shared folder named as the data folder keeps its mode', () => {
    const shared = tmpDir('shared');
    chmodSync(shared, 0o755);
    open({ dataDir: shared, databaseFile: path.join(tmpDir('db'), 'x.db'), version: 'test' });
    expect(mode(shared)).toBe(0o755);
  });
});

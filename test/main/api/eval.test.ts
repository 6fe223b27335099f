/** datasets.* and eval.* through the contract (validation, dispatch, the core's handlers) on a real SQLite store. */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';

const SAMPLE = resolve(import.meta.dirname, '../../../samples/testsrc2-320x240-25fps.mp4');
let dir = '';
let core: AppCore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'api-eval-'));
  mkdirSync(join(dir, 'set/walk'), { recursive: true });
  copyFileSync(SAMPLE, join(dir, 'set/walk/a.mp4'));
  core = openAppCore({ databaseFile: join(dir, 'db.sqlite'), version: 'test', modelDirs: [resolve(import.meta.dirname, '../../fixtures/models')] });
});
afterAll(async () => core.close());

describe('datasets and eval calls', () => {
  it('imports, lists, maps and removes a dataset', async () => {
    const imported = await dispatchCall(core.handlers, 'datasets.import', { path: join(dir, 'set'), name: 'walks' });
    expect(imported).toMatchObject({ ok: true, value: { dataset: { name: 'walks', format: 'folder', itemCount: 1 }, skipped: [] } });
    expect(await dispatchCall(core.handlers, 'datasets.list', {})).toMatchObject({ ok: true, value: [{ name: 'walks' }] });
    expect(await dispatchCall(core.handlers, 'datasets.map', { dataset: 'walks', set: { walk: 'run' } })).toMatchObject({ ok: true, value: { mapping: { walk: 'run' } } });
    expect(await dispatchCall(core.handlers, 'datasets.remove', { dataset: 'walks' })).toMatchObject({ ok: true, value: { removed: { name: 'walks' } } });
    expect(await dispatchCall(core.handlers, 'datasets.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses bad arguments naming the field, and unknown reports and datasets', async () => {
    const noModels = await dispatchCall(core.handlers, 'eval.run', { dataset: 'x', modelIds: [] });
    expect(noModels).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'modelIds', message: 'eval.run: invalid argument "modelIds": must name at least one model' } });
    const format = await dispatchCall(core.handlers, 'datasets.import', { path: dir, format: 'zip' });
    expect(format).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'format' } });
    expect(await dispatchCall(core.handlers, 'eval.export', { reportId: 99, format: 'html' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'reportId' } });
    expect(await dispatchCall(core.handlers, 'eval.run', { dataset: 'nope', modelIds: ['test-frame'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'dataset' } });
  });
});

/**
 * Watch folders from the app, in the core (SourceWatch; real ffmpeg, fixture ONNX model, SQLite):
 * a source added through the contract and watched picks up a recording copied into its folder, its
 * items appear with `review.changed` events; an unwatched source is left alone; a folder that goes
 * missing is shown on the source and cleared when it is back; the watch state survives a reopen.
 */
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/core/app.js';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import type { CallName } from '../../../src/shared/channels.js';
import type { AlertRule, ReviewChange, ReviewPage, ReviewSource } from '../../../src/shared/review.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { useTestCore } from '../analysis/core.js';

let clip: string;
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('source-watch-clips'), name: 'cam.ts', seconds: 3, fps: '25', width: 160, height: 120 });
});

const cores = useTestCore();
const WATCH = { intervalMs: 150, followIdleSec: 0.5 };

async function call<R>(core: AppCore, name: CallName, payload: unknown): Promise<R> {
  const outcome = await dispatchCall(core.handlers, name, payload);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.value as R;
}

function nextChange(core: AppCore, reason: ReviewChange['reason']): Promise<ReviewChange> {
  return new Promise((resolve) => {
    const off = core.on('review.changed', (change) => {
      if (change.reason !== reason) return;
      off();
      resolve(change);
    });
  });
}

const addSource = (core: AppCore, folder: string, watching = true) =>
  call<{ source: ReviewSource; rule: AlertRule }>(core, 'review.addSource', { name: path.basename(folder), path: folder, modelIds: ['test-frame'], stride: 2, watching, rule: { minConfidence: 0, mergeGapSec: 0.5 } });

describe('watched sources in the core', () => {
  it('a recording copied into a watched folder is analysed and its items appear with review.changed; triage announces itself too', { timeout: 60_000 }, async () => {
    const core = cores.open({ watch: WATCH });
    const folder = path.join(tmpDir('source-watch'), 'yard');
    mkdirSync(folder);
    const { source } = await addSource(core, folder);
    expect(source).toMatchObject({ watching: true, watchError: null, stride: 2 });
    core.watch.start();
    const items = nextChange(core, 'items');
    copyFileSync(clip, path.join(folder, 'rec-1.ts'));
    await items;
    const page = await call<ReviewPage>(core, 'review.items', {});
    expect(page.total).toBeGreaterThan(0);
    expect(page.items[0]).toMatchObject({ sourceId: source.id, videoPath: path.join(folder, 'rec-1.ts'), verdict: null });
    const triage = nextChange(core, 'triage');
    await call(core, 'review.mark', { itemIds: [page.items[0]!.id], verdict: 'reviewed' });
    await triage;
  });

  it('an unwatched source is not scanned; watching it picks it up at the next scan', { timeout: 60_000 }, async () => {
    const core = cores.open({ watch: WATCH });
    const folder = path.join(tmpDir('source-watch'), 'gate');
    mkdirSync(folder);
    const { source } = await addSource(core, folder, false);
    copyFileSync(clip, path.join(folder, 'rec-1.ts'));
    core.watch.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(core.analysis.jobs()).toEqual([]);
    const items = nextChange(core, 'items');
    expect(await call(core, 'review.watchSource', { sourceId: source.id, watching: true })).toMatchObject({ watching: true });
    await items;
    expect(core.analysis.jobs()).toMatchObject([{ state: 'completed', videoPath: path.join(folder, 'rec-1.ts') }]);
  });

  it('a folder that goes missing is shown on its source, and cleared once it is back', { timeout: 60_000 }, async () => {
    const core = cores.open({ watch: WATCH });
    const root = tmpDir('source-watch');
    const folder = path.join(root, 'door');
    mkdirSync(folder);
    const { source } = await addSource(core, folder);
    core.watch.start();
    const broken = nextChange(core, 'sources');
    renameSync(folder, path.join(root, 'moved'));
    expect(await broken).toEqual({ reason: 'sources', sourceId: source.id });
    const [shown] = (await call<{ sources: ReviewSource[] }>(core, 'review.sources', {})).sources;
    expect(shown!.watchError).toBe(`The folder ${folder} does not exist.`);
    const mended = nextChange(core, 'sources');
    renameSync(path.join(root, 'moved'), folder);
    await mended;
    expect((await call<{ sources: ReviewSource[] }>(core, 'review.sources', {})).sources[0]!.watchError).toBeNull();
  });

  it('the watch state is stored: a reopened core watches the same sources', { timeout: 60_000 }, async () => {
    const databaseFile = path.join(tmpDir('source-watch-db'), 'watch.db');
    const first = cores.open({ databaseFile, watch: WATCH });
    const folder = path.join(tmpDir('source-watch'), 'lane');
    mkdirSync(folder);
    await addSource(first, folder);
    first.watch.start();
    const analysed = nextChange(first, 'items');
    copyFileSync(clip, path.join(folder, 'rec-1.ts'));
    await analysed;
    await first.close();
    const second = cores.open({ databaseFile, watch: WATCH });
    expect((await call<{ sources: ReviewSource[] }>(second, 'review.sources', {})).sources).toMatchObject([{ watching: true }]);
    second.watch.start();
    const items = nextChange(second, 'items');
    copyFileSync(clip, path.join(folder, 'rec-2.ts'));
    await items;
    expect((await call<ReviewPage>(second, 'review.items', {})).total).toBeGreaterThan(0);
    // The recording analysed before the reopen queued nothing: only the new one has a job.
    expect(second.analysis.jobs().map((job) => path.basename(job.videoPath))).toEqual(['rec-2.ts']);
  });

  it('refusals name the field: a second source of the same name or folder, an unknown source', async () => {
    const core = cores.open();
    const folder = path.join(tmpDir('source-watch'), 'porch');
    mkdirSync(folder);
    await addSource(core, folder);
    expect(await dispatchCall(core.handlers, 'review.addSource', { name: 'porch', path: tmpDir('source-watch'), modelIds: ['test-frame'] })).toMatchObject({ ok: false, error: { field: 'name' } });
    expect(await dispatchCall(core.handlers, 'review.addSource', { name: 'other', path: folder, modelIds: ['test-frame'] })).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(await dispatchCall(core.handlers, 'review.addSource', { name: 'none', path: path.join(folder, 'absent'), modelIds: ['test-frame'] })).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(await dispatchCall(core.handlers, 'review.watchSource', { sourceId: 99, watching: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'sourceId' } });
    expect(await dispatchCall(core.handlers, 'review.removeSource', { sourceId: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'sourceId' } });
  });
});

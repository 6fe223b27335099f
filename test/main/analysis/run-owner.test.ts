/** Run ownership: which running runs a starting process may requeue, and labels kept with each run. */
import { copyFileSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentOwner, isOrphaned, pidExists, STALE_AFTER_MS } from '../../../src/main/core/analysis/run-owner.js';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../../src/main/core/store/index.js';
import { migrate } from '../../../src/main/core/store/migrate.js';
import { MIGRATIONS } from '../../../src/main/core/store/migrations/index.js';
import { sampleModel, sampleVideo, useTempDir } from '../store/helpers.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, useTestCore } from './core.js';
import { testRunParams } from '../../helpers/run-params.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const fresh = new Date(NOW - 5_000).toISOString();
const stale = new Date(NOW - STALE_AFTER_MS - 1).toISOString();
const host = os.hostname();

describe('isOrphaned', () => {
  const alive = () => true;
  const gone = () => false;
  it.each([
    ['no owner (written before owners were recorded)', { owner: null, heartbeatAt: null }, alive, true],
    ['a live process on this machine, fresh heartbeat', { owner: `${host}:4242`, heartbeatAt: fresh }, alive, false],
    ['a process on this machine that no longer exists', { owner: `${host}:4242`, heartbeatAt: fresh }, gone, true],
    ['a live pid whose heartbeat is stale (pid reuse)', { owner: `${host}:4242`, heartbeatAt: stale }, alive, true],
    ['another machine, fresh heartbeat', { owner: 'elsewhere:4242', heartbeatAt: fresh }, gone, false],
    ['another machine, stale heartbeat', { owner: 'elsewhere:4242', heartbeatAt: stale }, gone, true],
    ['an unreadable heartbeat', { owner: `${host}:4242`, heartbeatAt: 'yesterday' }, alive, true],
  ])('%s → %s', (_name, run, exists, expected) => {
    expect(isOrphaned(run, NOW, exists, `${host}:1`)).toBe(expected);
  });

  it('checks real pids: this process exists, an unused pid does not', () => {
    expect(pidExists(process.pid)).toBe(true);
    expect(pidExists(2 ** 22 + 17)).toBe(false); // above Linux's pid_max
  });
});

describe('runs store their owner and their labels', () => {
  const temp = useTempDir();

  it('requeues only orphans; a heartbeat refreshes only the owner’s own running run', () => {
    const store = temp.track(openStore(path.join(temp.dir(), 'owners.db')));
    const videoId = store.videos.upsert(sampleVideo()).id;
    store.models.upsert(sampleModel());
    const start = (hash: string, owner: string) => {
      const run = store.runs.create({ videoId, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: hash, provider: 'cpu' });
      return store.runs.markRunning(run.id, { providerUsed: 'cpu', owner });
    };
    const mine = start('a', currentOwner());
    const theirs = start('b', 'elsewhere:1');
    expect(mine).toMatchObject({ status: 'running', owner: currentOwner() });
    expect(store.runs.heartbeat(theirs.id, currentOwner())).toBe(false);
    expect(store.runs.heartbeat(mine.id, currentOwner())).toBe(true);

    expect(store.runs.requeueInterrupted((run) => run.owner === 'elsewhere:1')).toBe(1);
    expect(store.runs.get(theirs.id)).toMatchObject({ status: 'queued', owner: null });
    expect(store.runs.get(mine.id)!.status).toBe('running');
  });

  it('a run keeps the labels it was computed with', () => {
    const store = temp.track(openStore(path.join(temp.dir(), 'labels.db')));
    const videoId = store.videos.upsert(sampleVideo()).id;
    store.models.upsert(sampleModel());
    const run = store.runs.create({ videoId, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'h', provider: 'cpu', labels: ['walk', 'run'] });
    expect(store.runs.get(run.id)!.labels).toEqual(['walk', 'run']);
  });

  it('upgrading a version-1 database gives existing runs their model’s labels', () => {
    const file = path.join(temp.dir(), 'v1.db');
    const v1 = new BetterSqlite3(file);
    migrate(v1, MIGRATIONS.slice(0, 1));
    v1.prepare("INSERT INTO models VALUES ('m', 'clip', '1', 'M', json('{\"labels\":[\"a\",\"b\"]}'), '/m', ?, 2, 'now')").run('b'.repeat(64));
    v1.prepare("INSERT INTO videos (path, size_bytes, mtime_ms, fingerprint, probe_json, added_at) VALUES ('/v.mp4', 1, 1, 'fp', '{}', 'now')").run();
    v1.prepare("INSERT INTO runs (video_id, model_id, params_json, params_hash, provider, status, created_at) VALUES (1, 'm', '{}', 'h', 'cpu', 'running', 'now')").run();
    v1.close();
    const store = temp.track(openStore(file));
    expect(store.runs.get(1)).toMatchObject({ labels: ['a', 'b'], owner: null, status: 'running' });
  });
});

describe('a file that changed after it was analysed', () => {
  const cores = useTestCore();
  it('keeps its runs, marked as describing the earlier content; the same analysis computes a new run', async () => {
    const dir = tmpDir('changed-file');
    const file = await makeClip({ dir, name: 'clip.mp4', seconds: 1, fps: '25', width: 64, height: 48 });
    const core = cores.open();
    const video = await addVideo(core, file);
    const first = await analyse(core, video.id, 'test-frame');
    expect(core.analysis.runsForVideo(video.id)).toMatchObject([{ id: first.runId, videoChanged: false }]);

    const other = await makeClip({ dir, name: 'other.mp4', seconds: 1, fps: '25', width: 64, height: 48, source: 'rgbtestsrc' });
    copyFileSync(other, file); // the same path, other content
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const { added } = await core.library.add([file]);
    expect(added[0]!.id).toBe(video.id);
    const second = await analyse(core, video.id, 'test-frame');
    expect(second.runId).not.toBe(first.runId);
    expect(core.analysis.runsForVideo(video.id).map((r) => [r.id, r.videoChanged])).toEqual([
      [first.runId, true],
      [second.runId, false],
    ]);
  });
});

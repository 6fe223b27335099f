import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors.js';
import { openStore, type NewSegment, type Store } from '../../../src/main/core/store/index.js';
import { sampleModel, sampleVideo, useTempDir } from './helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

const segment = (startFrame: number, endFrame: number, extra: Partial<NewSegment> = {}): NewSegment => ({
  label: 'walk',
  classIndex: 0,
  startFrame,
  endFrame,
  startSec: startFrame / 30,
  endSec: endFrame / 30,
  confidence: 0.9,
  ...extra,
});

describe('store repositories', () => {
  const temp = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = temp.track(openStore(path.join(temp.dir(), 'library.db')));
  });

  function newRun(videoId = store.videos.upsert(sampleVideo()).id, hash = 'hash-1') {
    if (!store.models.get('cnn-lstm@1')) store.models.upsert(sampleModel());
    return store.runs.create({ videoId, modelId: 'cnn-lstm@1', params: testRunParams({ sampling: { stride: 1 } }), paramsHash: hash, provider: 'auto' });
  }

  it('videos: upsert by path, lookups, fingerprint copies, list order, remove, count', () => {
    const a = store.videos.upsert(sampleVideo(path.resolve('/v/a.mp4'), 'fp-1'));
    const copy = store.videos.upsert(sampleVideo(path.resolve('/v/copy-of-a.mp4'), 'fp-1'));
    expect(a).toMatchObject({ path: path.resolve('/v/a.mp4'), mtimeMs: 1_700_000_000_123.5, fingerprint: 'fp-1' });
    expect(a.probe.video.rotation).toBe(90);
    expect(store.videos.get(a.id)).toEqual(a);
    expect(store.videos.getByPath(a.path)).toEqual(a);
    expect(store.videos.findByFingerprint('fp-1').map((v) => v.id)).toEqual([a.id, copy.id]);

    const updated = store.videos.upsert({ ...sampleVideo(a.path, 'fp-2'), sizeBytes: 42 });
    expect(updated).toMatchObject({ id: a.id, addedAt: a.addedAt, sizeBytes: 42, fingerprint: 'fp-2' });
    expect(store.videos.list().map((v) => v.id)).toEqual([a.id, copy.id]);
    expect(store.videos.count()).toBe(2);

    expect(store.videos.remove(copy.id)).toBe(true);
    expect(store.videos.remove(copy.id)).toBe(false);
    expect(store.videos.get(copy.id)).toBeUndefined();
    expect(store.videos.count()).toBe(1);
    expect(() => store.videos.upsert(sampleVideo('relative/a.mp4'))).toThrow(AppError);
  });

  it('models: upsert, list, and refuse to remove a model that runs use', () => {
    const model = store.models.upsert(sampleModel());
    expect(store.models.get(model.id)).toEqual(model);
    expect(model.manifest).toEqual(sampleModel().manifest);
    store.models.upsert(sampleModel('tsm@2'));
    expect(store.models.list().map((m) => m.id)).toEqual(['cnn-lstm@1', 'tsm@2']);
    expect(() => store.models.upsert({ ...sampleModel('bad@1'), sha256: 'nothex' })).toThrow(/CHECK constraint/);

    newRun();
    const stillUsed = expect.objectContaining({ code: 'DB_ERROR', message: expect.stringMatching(/still used/) });
    expect(() => store.models.remove(model.id)).toThrow(stillUsed);
    expect(store.models.remove('tsm@2')).toBe(true);
  });

  it('runs: lifecycle, progress, lookups by params hash and video', () => {
    const run = newRun();
    expect(run).toMatchObject({ status: 'queued', framesDone: 0, params: { sampling: { stride: 1 } }, providerUsed: null, error: null });

    const running = store.runs.markRunning(run.id, { providerUsed: 'cpu', threads: { intraOp: 2 }, frameCount: 300 });
    expect(running).toMatchObject({ status: 'running', providerUsed: 'cpu', threads: { intraOp: 2 }, frameCount: 300 });
    expect(running.startedAt).not.toBeNull();
    expect(store.runs.updateProgress(run.id, 120).framesDone).toBe(120);
    expect(store.runs.findCompleted('hash-1')).toBeUndefined();

    const done = store.runs.markCompleted(run.id, { timings: { decode: 10, infer: 20 }, framesDone: 300 });
    expect(done).toMatchObject({ status: 'completed', framesDone: 300, timings: { decode: 10, infer: 20 } });
    expect(done.finishedAt).not.toBeNull();
    expect(store.runs.findCompleted('hash-1')?.id).toBe(run.id);
    expect(() => store.runs.markRunning(run.id, { providerUsed: 'cpu' })).toThrow(/Cannot start run \d+: it is completed/);
    expect(() => store.runs.markCancelled(9999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    const failed = newRun(run.videoId, 'hash-2');
    store.runs.markRunning(failed.id, { providerUsed: 'cuda' });
    const failure = store.runs.markFailed(failed.id, new AppError('DECODE_FAILED', 'bad frame 12', { file: '/v/a.mp4' }));
    expect(failure.error).toEqual({ name: 'AppError', code: 'DECODE_FAILED', message: 'bad frame 12', file: '/v/a.mp4' });
    expect(() => store.runs.markCompleted(newRun(run.videoId, 'hash-3').id)).toThrow(/Cannot complete run/);

    const interrupted = newRun(run.videoId, 'hash-4');
    store.runs.markRunning(interrupted.id, { providerUsed: 'cpu' });
    expect(store.runs.requeueInterrupted()).toBe(1);
    expect(store.runs.get(interrupted.id)?.status).toBe('queued');
    expect(store.runs.markCancelled(interrupted.id).status).toBe('cancelled');

    expect(store.runs.listForVideo(run.videoId).map((r) => r.paramsHash)).toEqual(['hash-1', 'hash-2', 'hash-3', 'hash-4']);
    expect(store.runs.remove(run.id)).toBe(true);
  });

  it('runs: the status CHECK rejects garbage written past the repository', () => {
    const run = newRun();
    expect(() => store.db.prepare("UPDATE runs SET status = 'exploded' WHERE id = ?").run(run.id)).toThrow(/CHECK constraint failed/);
    expect(() => store.db.prepare("UPDATE runs SET status = 'failed' WHERE id = ?").run(run.id)).toThrow(/CHECK constraint failed/);
    expect(store.runs.get(run.id)?.status).toBe('queued');
  });

  it('segments: replaceForRun atomically, range queries, track segments, exactly-one-owner CHECK', () => {
    const run = newRun();
    store.segments.replaceForRun(run.id, [segment(0, 30), segment(30, 90, { label: 'run', classIndex: 1 }), segment(90, 300)]);
    expect(store.segments.listForRun(run.id).map((s) => [s.startFrame, s.endFrame])).toEqual([[0, 30], [30, 90], [90, 300]]);
    // Half-open ranges: [30, 90) overlaps only the middle segment.
    expect(store.segments.listForRun(run.id, { startFrame: 30, endFrame: 90 }).map((s) => s.label)).toEqual(['run']);
    expect(store.segments.listForRun(run.id, { startFrame: 29, endFrame: 91 })).toHaveLength(3);

    // A bad segment rolls back the whole replacement.
    const backwards = () => store.segments.replaceForRun(run.id, [segment(0, 10), segment(10, 5)]);
    expect(backwards).toThrow(expect.objectContaining({ code: 'DB_ERROR' }));
    expect(store.segments.listForRun(run.id)).toHaveLength(3);
    expect(() => store.segments.replaceForRun(run.id, [segment(0, 10, { confidence: 1.5 })])).toThrow(/CHECK constraint/);

    const track = store.annotations.create(run.videoId, 'Ground truth');
    const added = store.segments.addToTrack(track.id, segment(5, 15, { classIndex: null, confidence: null }));
    expect(added).toMatchObject({ runId: null, trackId: track.id, classIndex: null, confidence: null });
    const edited = store.segments.update(added.id, { ...added, label: 'jump', endFrame: 20 });
    expect(edited).toMatchObject({ label: 'jump', endFrame: 20, trackId: track.id });
    expect(store.segments.listForTrack(track.id, { startFrame: 19, endFrame: 25 }).map((s) => s.id)).toEqual([added.id]);
    store.segments.replaceForTrack(track.id, [segment(0, 1), segment(1, 2)]);
    expect(store.segments.listForTrack(track.id)).toHaveLength(2);

    const insert = store.db.prepare(
      'INSERT INTO segments (run_id, track_id, label, start_frame, end_frame, start_sec, end_sec) VALUES (?, ?, ?, 0, 1, 0, 0.1)',
    );
    expect(() => insert.run(run.id, track.id, 'both')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(null, null, 'neither')).toThrow(/CHECK constraint failed/);
    expect(store.segments.remove(added.id)).toBe(false); // replaced above
  });

  it('annotation tracks: create, unique name per video, rename, list, remove with segments', () => {
    const video = store.videos.upsert(sampleVideo());
    const other = store.videos.upsert(sampleVideo(path.resolve('/v/b.mp4'), 'fp-b'));
    const gt = store.annotations.create(video.id, 'Ground truth');
    const mine = store.annotations.create(video.id, 'Mine');
    store.annotations.create(other.id, 'Ground truth'); // same name, other video: fine
    const taken = expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'name' });
    expect(() => store.annotations.create(video.id, 'Mine')).toThrow(taken);
    expect(() => store.annotations.rename(mine.id, 'Ground truth')).toThrow(/already has an annotation track/);
    expect(store.annotations.rename(mine.id, 'Reviewed')).toMatchObject({ id: mine.id, name: 'Reviewed' });
    expect(() => store.annotations.rename(9999, 'x')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(store.annotations.listForVideo(video.id).map((t) => t.name)).toEqual(['Ground truth', 'Reviewed']);
    expect(store.annotations.get(gt.id)).toEqual(gt);

    store.segments.addToTrack(gt.id, segment(0, 10));
    expect(store.annotations.remove(gt.id)).toBe(true);
    expect(store.segments.listForTrack(gt.id)).toEqual([]);
  });

  it('deleting a video cascades to its runs, predictions, segments and tracks', () => {
    const run = newRun();
    store.predictions.appendChunk(run.id, 0, new Float32Array([0.1, 0.2, 0.7]), 3, 'f32');
    store.segments.replaceForRun(run.id, [segment(0, 1)]);
    const track = store.annotations.create(run.videoId, 'GT');
    store.segments.addToTrack(track.id, segment(0, 1));

    expect(store.videos.remove(run.videoId)).toBe(true);
    const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    for (const table of ['runs', 'prediction_chunks', 'segments', 'annotation_tracks']) expect(count(table), table).toBe(0);
    expect(count('models')).toBe(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('store.transaction commits together or not at all', () => {
    const run = newRun();
    expect(() =>
      store.transaction(() => {
        store.segments.replaceForRun(run.id, [segment(0, 1)]);
        store.runs.markRunning(run.id, { providerUsed: 'cpu' });
        throw new Error('engine crashed');
      }),
    ).toThrow('engine crashed');
    expect(store.segments.listForRun(run.id)).toEqual([]);
    expect(store.runs.get(run.id)?.status).toBe('queued');
    expect(store.transaction(() => store.runs.markRunning(run.id, { providerUsed: 'cpu' }).status)).toBe('running');
  });
});

/**
 * Bad input to the analysis engine: each case ends with a clear error, the frames that could be
 * stored kept, no ffmpeg process or worker thread left (checked after every test by useTestCore)
 * and a database that passes PRAGMA integrity_check.
 */
import { cpSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';
import { FIXTURE_MODELS_DIR } from './fixtures.js';

let dir: string;
let clip: string;
let cut: string;
let cutFrames: number;

beforeAll(async () => {
  dir = tmpDir('analysis-bad');
  clip = await makeClip({ dir, name: 'fine.mp4', seconds: 4, fps: '25', width: 64, height: 48 });
  // faststart keeps the index at the front, so the cut file still opens and claims 75 frames.
  cut = await makeClip({ dir, name: 'cut.mp4', seconds: 3, fps: '25', width: 160, height: 120, faststart: true });
  truncateSync(cut, Math.floor(statSync(cut).size * 0.6));
});

const testCore = useTestCore();

describe('analysis of bad input', () => {
  it('a model whose graph does not match its manifest is refused naming both files, before any run is stored', async () => {
    const folder = path.join(dir, 'models', 'mismatched');
    cpSync(path.join(FIXTURE_MODELS_DIR, 'test-frame'), folder, { recursive: true });
    const manifestFile = path.join(folder, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { id: string; output: { name: string }; inputs: { rgb: { name: string } } };
    Object.assign(manifest, { id: 'mismatched' });
    manifest.output.name = 'scores';
    manifest.inputs.rgb.name = 'image';
    writeFileSync(manifestFile, JSON.stringify(manifest));

    const core = testCore.open({ modelDirs: [path.join(dir, 'models')] });
    const video = await addVideo(core, clip);
    const job = await analyse(core, video.id, 'mismatched');
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'INVALID_ARGUMENT', file: manifestFile });
    expect(job.error!.message).toBe(
      `Model "mismatched": the graph in ${path.join(folder, 'model.onnx')} does not match ${manifestFile}: ` +
        'inputs.rgb.name: expected a graph input "image", found inputs "rgb"; ' +
        'inputs: expected every graph input declared in the manifest, found an undeclared input "rgb" ["N", 3, 32, 32]; ' +
        'output.name: expected a graph output "scores", found outputs "logits".',
    );
    expect(core.analysis.runsForVideo(video.id)).toEqual([]);
    expect(integrityCheck(core)).toBe('ok');
  });

  it('a video cut off at frame N (its index claims 75 frames): the run completes with frames N..74 as gaps and a warning', async () => {
    const core = testCore.open();
    const video = await addVideo(core, cut);
    const job = await analyse(core, video.id, 'test-frame');
    expect(job.state).toBe('completed');
    const run = core.analysis.run(job.runId!);
    expect(run.frameCount).toBe(75);
    expect(run.gaps).toHaveLength(1);
    cutFrames = run.gaps[0]!.startFrame;
    expect(run.gaps[0]!.startFrame + run.gaps[0]!.frameCount).toBe(75);
    expect(cutFrames).toBeGreaterThan(5);
    expect(cutFrames).toBeLessThan(75);
    expect(job.notices.join('\n')).toContain(`${75 - cutFrames} of 75 frames of "${cut}" could not be decoded`);
    expect(core.analysis.segments(run.id).at(-1)?.endFrame ?? 0).toBeLessThanOrEqual(cutFrames);
    expect(integrityCheck(core)).toBe('ok');
  });

  it('a window model on the cut video: the same gaps, every frame before them labelled', async () => {
    const core = testCore.open();
    const video = await addVideo(core, cut);
    const job = await analyse(core, video.id, 'test-clip');
    expect(job.state).toBe('completed');
    const run = core.analysis.run(job.runId!);
    expect(run.gaps).toEqual([{ startFrame: cutFrames, frameCount: 75 - cutFrames }]);
    expect(integrityCheck(core)).toBe('ok');
  });

  it('a full disk fails the job with the reason, keeps what was committed, and the run resumes once there is room', async () => {
    const core = testCore.open({ analysis: { commitFrames: 16 } });
    const long = await makeClip({ dir, name: 'full-disk.mp4', seconds: 40, fps: '25', width: 160, height: 120 });
    const video = await addVideo(core, long);
    // SQLite's own limit on the file's size: past it, writes fail with SQLITE_FULL exactly as on a full disk.
    const pages = core.store.db.pragma('page_count', { simple: true }) as number;
    core.store.db.pragma(`max_page_count = ${pages + 1}`);
    const failed = await analyse(core, video.id, 'test-clip', { sampling: { stride: 1, windowStride: 1 } });
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'DB_ERROR' });
    expect(failed.error!.message).toMatch(/the disk is full \(SQLITE_FULL/);
    expect(integrityCheck(core)).toBe('ok');
    const stored = core.store.predictions.lastCommittedFrame(failed.runId!) + 1;
    expect(core.store.runs.get(failed.runId!)!.framesDone).toBe(stored); // progress and rows committed together

    core.store.db.pragma('max_page_count = 1073741823');
    core.analysis.requeueInterrupted();
    const resumed = await analyse(core, video.id, 'test-clip', { sampling: { stride: 1, windowStride: 1 } });
    expect(resumed).toMatchObject({ state: 'completed', origin: 'resumed', runId: failed.runId, resumedFromFrame: stored, framesDone: 1000 });
    expect(integrityCheck(core)).toBe('ok');
  }, 60_000);

  it('a database locked by another connection past the busy timeout fails the job with the reason; the run resumes later', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const other = new BetterSqlite3(core.store.file);
    const stop = core.on('analysis.job', (job) => {
      // Once the run is running, another connection takes the write lock and keeps it.
      if (job.provider !== null && !other.inTransaction) other.exec('BEGIN IMMEDIATE');
    });
    const failed = await analyse(core, video.id, 'test-frame');
    stop();
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'DB_ERROR' });
    expect(failed.error!.message).toMatch(/locked by another process.*SQLITE_BUSY/);
    other.exec('ROLLBACK');
    other.close();
    expect(integrityCheck(core)).toBe('ok');
    // Not even "failed" could be written: the run is left running, so the next start requeues and finishes it.
    expect(core.analysis.run(failed.runId!).status).toBe('running');
    expect(core.analysis.requeueInterrupted()).toBe(1);
    const resumed = await analyse(core, video.id, 'test-frame');
    expect(resumed).toMatchObject({ state: 'completed', origin: 'resumed', runId: failed.runId, framesDone: 100 });
  }, 30_000);

  it('a cancel in the middle stops ffmpeg and the worker; the run is cancelled and the database sound', async () => {
    const core = testCore.open({ analysis: { threads: { intraOp: 1 }, commitFrames: 16 } });
    const long = await makeClip({ dir, name: 'long.mp4', seconds: 40, fps: '25', width: 160, height: 120 });
    const video = await addVideo(core, long);
    const [job] = await core.analysis.start({ videoIds: [video.id], modelIds: ['test-clip'], options: { provider: 'cpu', sampling: { stride: 1, windowStride: 1 } } });
    await new Promise<void>((resolve) => core.on('analysis.progress', (p) => p.framesDone > 50 && resolve()));
    expect(core.analysis.cancel(job!.id)).toBe(true);
    const [done] = await core.analysis.wait([job!.id]);
    expect(done).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    const run = core.analysis.run(done!.runId!);
    expect(run.status).toBe('cancelled');
    expect(run.framesDone).toBeLessThan(1000);
    expect(core.analysis.cancel(job!.id)).toBe(false);
    expect(integrityCheck(core)).toBe('ok');
  });

  it('removing a video while it is analysed cancels its job first: the job ends cancelled, nothing is left behind', async () => {
    const core = testCore.open({ analysis: { threads: { intraOp: 1 }, commitFrames: 16 } });
    const long = await makeClip({ dir, name: 'removed.mp4', seconds: 40, fps: '25', width: 160, height: 120 });
    const video = await addVideo(core, long);
    const [job] = await core.analysis.start({ videoIds: [video.id], modelIds: ['test-clip'], options: { provider: 'cpu', sampling: { stride: 1, windowStride: 1 } } });
    await new Promise<void>((resolve) => core.on('analysis.progress', (p) => p.framesDone > 50 && resolve()));
    expect(await core.analysis.cancelForVideo(video.id)).toBe(1);
    expect(core.library.remove(video.id)).toBe(true);
    const [done] = await core.analysis.wait([job!.id]);
    expect(done).toMatchObject({ state: 'cancelled' });
    expect(core.store.runs.running()).toEqual([]);
    expect(core.store.db.prepare('SELECT count(*) FROM prediction_chunks').pluck().get()).toBe(0);
    expect(integrityCheck(core)).toBe('ok');
  });
});

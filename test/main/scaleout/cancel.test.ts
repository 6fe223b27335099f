/**
 * Cancelling a run that a worker computes: a real password-protected redis-server, a real
 * `actionlens worker` process, the core in this process coordinating. The worker stops the job
 * (BullMQ's cancelJob through the cancel channel), the run ends cancelled with nothing stored after
 * the cancel, the job is not retried, and analysing again resumes it to a local run's export.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorIdFor } from '../../../src/main/core/scaleout/coordinator.js';
import { JOBS_QUEUE } from '../../../src/main/core/scaleout/connection.js';
import { analysisJobId } from '../../../src/main/core/scaleout/protocol.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { BIN, exportJson, runCli } from '../../helpers/kill-resume.js';
import { redisMissing, TestRedis } from '../../helpers/redis.js';
import { addVideo, analyse, useTestCore } from '../analysis/core.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

const missing = redisMissing();

describe.skipIf(missing !== null)(`cancelling a job a worker computes${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const cores = useTestCore();
  const dir = tmpDir('scaleout-cancel');
  const redis = new TestRedis(dir);
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await redis.stop();
  });

  const env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir };
  const log = path.join(dir, 'worker.log');
  const reference = path.join(dir, 'reference.db');
  let clip = '';
  const queue = () => ({ place: 'workers' as const, queueUrl: `redis://default@127.0.0.1:${redis.port}`, password: redis.password, tlsCaFile: null, insecureRedis: false });
  beforeAll(async () => {
    await redis.start();
    clip = await makeClip({ dir, name: 'long.mp4', seconds: 80, fps: '25', width: 160, height: 120 }); // 2000 frames
    const local = await runCli(['--db', reference, 'analyze', clip, '--model', 'test-recurrent', '--provider', 'cpu'], env);
    expect(local.code, local.stderr).toBe(0);
    const fd = openSync(log, 'a');
    worker = spawn(process.execPath, [BIN, 'worker'], { env: { ...env, ACTIONLENS_QUEUE: redis.url }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
  }, 120_000);

  /** A coordinating core on a fresh database, its job on the long clip started and the worker's first chunk stored. */
  async function startOnWorker(name: string) {
    const db = path.join(dir, name);
    const core = cores.open({ dataDir: dir, databaseFile: db, queue: queue() });
    await core.placement.opened();
    const video = await addVideo(core, clip);
    const [job] = await core.analysis.start({ videoIds: [video.id], modelIds: ['test-recurrent'], options: { provider: 'cpu' } });
    const stored = () => core.store.predictions.lastCommittedFrame(1) + 1;
    for (let i = 0; i < 6000 && stored() === 0; i++) await delay(10);
    expect(stored(), 'no chunk arrived from the worker').toBeGreaterThan(0);
    return { db, core, video, job: job!, stored };
  }

  it('the worker stops within about a second, the run ends cancelled with nothing stored after, and resumes later', { timeout: 300_000 }, async () => {
    const { db, core, video, job, stored } = await startOnWorker('cancel.db');

    // While it runs: another password for the same Redis is refused (two coordinators would share its results queue);
    // another place with the same queue keeps the same coordinator.
    await expect(core.placement.set({ place: 'workers', password: 'another-password' })).rejects.toThrow(
      new RegExp(`^queueUrl: jobs are running on workers through redis://127\\.0\\.0\\.1:${redis.port}/0 with the current user and password; change them once those jobs end`),
    );
    expect(await core.placement.set({ place: 'both' })).toMatchObject({ place: 'both', state: 'connected' });
    expect(await core.placement.set({ place: 'workers' })).toMatchObject({ place: 'workers', state: 'connected', source: 'settings' });

    const cancelledAt = performance.now();
    expect(core.analysis.cancel(job.id)).toBe(true);
    const [done] = await core.analysis.wait([job.id]);
    expect(done).toMatchObject({ state: 'cancelled' });
    const storedAtCancel = stored();
    // The processor has returned (decoder and model closed) when BullMQ reports the job failed.
    const stopped = /job (\S+) failed: job \1 cancelled by its coordinator/;
    let stoppedAfterMs = -1;
    for (let i = 0; i < 1000 && stoppedAfterMs < 0; i++) {
      if (stopped.test(readFileSync(log, 'utf8'))) stoppedAfterMs = performance.now() - cancelledAt;
      else await delay(10);
    }
    console.log(`the worker stopped the job ${Math.round(stoppedAfterMs)} ms after the cancel; ${storedAtCancel} of 2000 frames stored`);
    const firstAttempt = readFileSync(log, 'utf8');
    expect(stoppedAfterMs, firstAttempt).toBeGreaterThanOrEqual(0);
    expect(firstAttempt).toContain('cancelled by its coordinator, stopping');
    expect(firstAttempt).not.toMatch(/ done$/m); // it did not compute to the end

    // BullMQ failed the job for good (no retry) with the reason; the worker sent nothing more that was stored.
    const jobs = new Queue(JOBS_QUEUE, { connection: { host: '127.0.0.1', port: redis.port, password: redis.password } });
    try {
      const remote = await Job.fromId(jobs, analysisJobId(coordinatorIdFor(db), 1));
      for (let i = 0; i < 500 && (await remote!.getState()) !== 'failed'; i++) await delay(10);
      expect(await remote!.getState()).toBe('failed');
      const failed = await Job.fromId(jobs, remote!.id!);
      expect(failed!.failedReason).toMatch(/cancelled by its coordinator/);
    } finally {
      await jobs.close();
    }
    await delay(1500);
    expect(stored()).toBe(storedAtCancel);
    expect(storedAtCancel).toBeLessThan(2000);
    expect(core.store.runs.get(1)).toMatchObject({ status: 'cancelled' });

    // The worker is still there: analysing again resumes the run from what was stored, to a local run's export.
    const again = await analyse(core, video.id, 'test-recurrent');
    expect(again).toMatchObject({ state: 'completed', origin: 'resumed', runId: 1 });
    expect(readFileSync(log, 'utf8')).toMatch(new RegExp(`from frame ${storedAtCancel} \\(attempt`));
    expect(await exportJson(db, 1, env)).toBe(await exportJson(reference, 1, env));
  });

  it('a paused job stops its worker, its run waits as queued (not cancelled), and a resume ends at a local run\'s export', { timeout: 300_000 }, async () => {
    const { db, core, job, stored } = await startOnWorker('pause.db');

    expect(await core.analysis.pause(job.id)).toBe(true);
    expect(core.analysis.jobs().find((j) => j.id === job.id)).toMatchObject({ state: 'paused' });
    await delay(1500); // the worker has stopped; a chunk still on its way has arrived
    const storedWhilePaused = stored();
    expect(storedWhilePaused).toBeLessThan(2000);
    expect(core.store.runs.get(1)?.status).not.toBe('cancelled');
    await delay(1000);
    expect(stored(), 'nothing more is computed while paused').toBe(storedWhilePaused);

    expect(core.analysis.resume(job.id)).toBe(true);
    const [done] = await core.analysis.wait([job.id]);
    expect(done).toMatchObject({ state: 'completed', runId: 1 });
    expect(readFileSync(log, 'utf8')).toMatch(new RegExp(`from frame ${storedWhilePaused} \\(attempt`));
    expect(await exportJson(db, 1, env)).toBe(await exportJson(reference, 1, env));
  });
});

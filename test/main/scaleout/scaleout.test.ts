/**
 * Scale-out with real processes: a password-protected redis-server with AOF, three `actionlens
 * worker` processes and an `actionlens analyze --queue` coordinator. Workers and Redis are killed
 * with SIGKILL mid-job; every run must end byte-identical to a local run, nothing stored twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { BIN, exportJson, runCli } from '../../helpers/kill-resume.js';
import { redisMissing, TestRedis } from '../../helpers/redis.js';
import { coordinatorIdFor } from '../../../src/main/core/scaleout/coordinator.js';
import { analysisJobId } from '../../../src/main/core/scaleout/protocol.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

const missing = redisMissing();
const MODELS = ['test-recurrent', 'test-clip', 'test-two-stream', 'test-frame'];

describe.skipIf(missing !== null)(`scale-out on BullMQ with real processes${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let dir: string;
  let redis: TestRedis;
  let env: NodeJS.ProcessEnv;
  let clip: string;
  let workers: { child: ChildProcess; log: string }[] = [];

  beforeAll(async () => {
    dir = tmpDir('scaleout');
    redis = new TestRedis(dir);
    await redis.start();
    // The password travels in the environment, as docs/scale-out.md advises (not in `ps`).
    env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir, ACTIONLENS_QUEUE: redis.url };
    clip = await makeClip({ dir, name: 'long.mp4', seconds: 40, fps: '25', width: 160, height: 120 }); // 1000 frames
  });
  afterEach(async () => {
    for (const { child } of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    workers = [];
  });
  afterAll(async () => {
    await redis?.stop();
  });

  function startWorker(name: string): { child: ChildProcess; log: string } {
    const log = path.join(dir, `${name}.log`);
    const fd = openSync(log, 'a');
    // A 2 s lock: a killed worker's job goes back to waiting within ~3 s (BullMQ's stall check).
    const child = spawn(process.execPath, [BIN, 'worker', '--lock-ms', '2000'], { env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const worker = { child, log };
    workers.push(worker);
    return worker;
  }

  async function localReference(name: string, args: string[]): Promise<string> {
    const db = path.join(dir, `${name}-local.db`);
    const { ACTIONLENS_QUEUE: _omit, ...localEnv } = env;
    const local = await runCli(['--db', db, 'analyze', ...args], localEnv);
    expect(local.code, local.stderr).toBe(0);
    return db;
  }

  /** Each run's export equals the local run's of the same model (run ids follow the order jobs started in). */
  async function expectSameExports(db: string, reference: string, runs: number) {
    const ours = runsByModel(db);
    const local = runsByModel(reference);
    expect(ours.size).toBe(runs);
    for (const [model, run] of ours) {
      const exported = await exportJson(db, run, env);
      expect(exported.length).toBeGreaterThan(1000);
      expect(exported === (await exportJson(reference, local.get(model)!, env)).replace(`"runId":${local.get(model)}`, `"runId":${run}`), model).toBe(true);
    }
  }

  it('three workers, one killed with SIGKILL mid-job: retried elsewhere from the last stored chunk, exports equal a local run', { timeout: 300_000 }, async () => {
    const args = [clip, ...MODELS.flatMap((m) => ['--model', m]), '--provider', 'cpu'];
    const reference = await localReference('kill-worker', args);
    const trio = [startWorker('w1'), startWorker('w2'), startWorker('w3')];
    const db = path.join(dir, 'kill-worker.db');
    const coordinator = spawn(process.execPath, [BIN, '--db', db, 'analyze', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    coordinator.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    coordinator.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const finished = new Promise<number | null>((resolve) => coordinator.once('exit', resolve));

    // The first worker whose job has a stored chunk, while that run is still running, is killed.
    let victim: { child: ChildProcess; log: string; jobId: string; framesAtKill: number } | null = null;
    for (let i = 0; i < 4000 && !victim && coordinator.exitCode === null; i++) {
      await delay(10);
      for (const worker of trio) {
        const jobs = [...readFileSync(worker.log, 'utf8').matchAll(/job (run-[\w-]+?-(\d+)): /g)];
        const last = jobs.at(-1);
        if (!last) continue;
        const progress = runProgress(db, Number(last[2]));
        if (progress && progress.status === 'running' && progress.frames > 0) {
          worker.child.kill('SIGKILL');
          victim = { ...worker, jobId: last[1]!, framesAtKill: progress.frames };
          break;
        }
      }
    }
    expect(victim, 'no worker was caught mid-job').not.toBeNull();
    expect(await finished, output).toBe(0);
    // Another worker took the job and started after the chunks the coordinator had stored.
    const others = trio.filter((w) => w !== victim).map((w) => readFileSync(w.log, 'utf8')).join('\n');
    const resumedAt = [...others.matchAll(new RegExp(`job ${victim!.jobId}: .* from frame (\\d+)`, 'g'))].map((m) => Number(m[1]));
    expect(resumedAt.length, others).toBeGreaterThan(0);
    expect(Math.max(...resumedAt)).toBeGreaterThanOrEqual(victim!.framesAtKill);
    expectStoredOnce(db, MODELS.length);
    await expectSameExports(db, reference, MODELS.length);
  });

  it('Redis killed with SIGKILL and restarted from its AOF: every job completes, exports equal a local run', { timeout: 300_000 }, async () => {
    const args = [clip, '--model', 'test-two-stream', '--model', 'test-recurrent', '--provider', 'cpu'];
    const reference = await localReference('kill-redis', args);
    startWorker('r1');
    startWorker('r2');
    const db = path.join(dir, 'kill-redis.db');
    const coordinator = spawn(process.execPath, [BIN, '--db', db, 'analyze', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    coordinator.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const finished = new Promise<number | null>((resolve) => coordinator.once('exit', resolve));
    for (let i = 0; i < 4000 && coordinator.exitCode === null && (runProgress(db, 1)?.frames ?? 0) === 0; i++) await delay(10);
    expect(runProgress(db, 1)?.status).toBe('running');
    await redis.kill();
    await delay(1500);
    await redis.start();
    expect(await finished, output).toBe(0);
    expectStoredOnce(db, 2);
    await expectSameExports(db, reference, 2);
  });

  it('a coordinator killed with SIGKILL and started again collects the rest: export equals a local run', { timeout: 300_000 }, async () => {
    const args = [clip, '--model', 'test-two-stream', '--provider', 'cpu'];
    const reference = await localReference('kill-coordinator', args);
    startWorker('c1');
    const db = path.join(dir, 'kill-coordinator.db');
    const first = spawn(process.execPath, [BIN, '--db', db, 'analyze', ...args], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => first.once('exit', resolve));
    for (let i = 0; i < 4000 && first.exitCode === null && (runProgress(db, 1)?.frames ?? 0) === 0; i++) await delay(10);
    first.kill('SIGKILL');
    await exited;
    expect(runProgress(db, 1)?.status).toBe('running');
    const again = await runCli(['--db', db, 'analyze', ...args], env);
    expect(again.code, again.stderr).toBe(0);
    expectStoredOnce(db, 1);
    await expectSameExports(db, reference, 1);
  });

  it('a job lost from Redis (as an AOF fsync\'d every second can lose one) is added again by the waiting coordinator', { timeout: 300_000 }, async () => {
    const args = [clip, '--model', 'test-recurrent', '--provider', 'cpu'];
    const reference = await localReference('lost-job', args);
    const db = path.join(dir, 'lost-job.db');
    const coordinator = spawn(process.execPath, [BIN, '--db', db, 'analyze', ...args], { env: { ...env, ACTIONLENS_QUEUE_CHECK_MS: '1000' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    coordinator.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const finished = new Promise<number | null>((resolve) => coordinator.once('exit', resolve));
    // No worker yet: the job waits in Redis; then it is deleted the way a lost write leaves it (never added).
    const client = new Redis({ host: '127.0.0.1', port: redis.port, password: redis.password, maxRetriesPerRequest: 3 });
    try {
      const jobId = analysisJobId(coordinatorIdFor(db), 1);
      let present = 0;
      for (let i = 0; i < 3000 && present === 0; i++) {
        await delay(10);
        present = await client.exists(`bull:actionlens-jobs:${jobId}`);
      }
      expect(present, output).toBe(1);
      await client.del(`bull:actionlens-jobs:${jobId}`);
      await client.lrem('bull:actionlens-jobs:wait', 0, jobId);
    } finally {
      client.disconnect();
    }
    startWorker('l1');
    expect(await finished, output).toBe(0);
    expectStoredOnce(db, 1);
    await expectSameExports(db, reference, 1);
  });

  it('--analyse-on both: one job computed here, the other on the worker, exports equal a local run', { timeout: 300_000 }, async () => {
    const args = [clip, '--model', 'test-recurrent', '--model', 'test-frame', '--provider', 'cpu'];
    const reference = await localReference('both', args);
    const worker = startWorker('b1');
    const db = path.join(dir, 'both.db');
    const both = await runCli(['--db', db, 'analyze', ...args, '--analyse-on', 'both'], env);
    expect(both.code, both.stderr).toBe(0);
    expect([...readFileSync(worker.log, 'utf8').matchAll(/job run-[\w-]+: /g)]).toHaveLength(1);
    expectStoredOnce(db, 2);
    await expectSameExports(db, reference, 2);
  });

  it('refuses an unauthenticated Redis on another machine without --insecure-redis, and never prints the password', async () => {
    const remote = await runCli(['worker', '--queue', 'redis://10.1.2.3:6379'], { ...env, ACTIONLENS_QUEUE: '' });
    expect(remote.code).not.toBe(0);
    expect(remote.stderr).toMatch(/has no password and is not on this machine.*--insecure-redis/);
    const bad = await runCli(['worker', '--queue', 'http://user:s3cret-pw@10.1.2.3'], { ...env, ACTIONLENS_QUEUE: '' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('***');
    expect(bad.stderr).not.toContain('s3cret-pw');
  });
});

function runsByModel(db: string): Map<string, number> {
  const reader = new BetterSqlite3(db, { readonly: true });
  try {
    return new Map((reader.prepare('SELECT model_id AS model, id FROM runs').all() as { model: string; id: number }[]).map((r) => [r.model, r.id]));
  } finally {
    reader.close();
  }
}

function runProgress(db: string, runId: number): { status: string; frames: number } | null {
  try {
    const reader = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
    try {
      return (reader
        .prepare('SELECT r.status AS status, coalesce(sum(c.frame_count), 0) AS frames FROM runs r LEFT JOIN prediction_chunks c ON c.run_id = r.id WHERE r.id = ? GROUP BY r.id')
        .get(runId) as { status: string; frames: number } | undefined) ?? null;
    } finally {
      reader.close();
    }
  } catch {
    return null; // not created yet, or mid-migration
  }
}

/** Every run completed, its chunks contiguous from frame 0 and covering each frame exactly once. */
function expectStoredOnce(db: string, runs: number) {
  const reader = new BetterSqlite3(db, { readonly: true });
  try {
    const rows = reader.prepare("SELECT id, status, frames_done AS framesDone FROM runs ORDER BY id").all() as { id: number; status: string; framesDone: number }[];
    expect(rows.map((r) => r.status)).toEqual(Array(runs).fill('completed'));
    for (const run of rows) {
      const chunks = reader.prepare('SELECT start_frame AS start, frame_count AS count FROM prediction_chunks WHERE run_id = ? ORDER BY start_frame').all(run.id) as { start: number; count: number }[];
      let next = 0;
      for (const chunk of chunks) {
        expect(chunk.start).toBe(next);
        next += chunk.count;
      }
      expect(next).toBe(run.framesDone);
    }
  } finally {
    reader.close();
  }
}

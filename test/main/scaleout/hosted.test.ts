/**
 * The hosted core coordinates (serve --queue, the desktop app's "workers" setting): a real
 * password-protected redis-server, a real `actionlens worker` process, the core in its own
 * process, killed with SIGKILL mid-run. The shell restarts it, the new core collects what the
 * worker sent meanwhile and the rest, and the export equals a local run's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkNodeHost } from '../../../src/main/core/host/fork-host.js';
import { HostedCore } from '../../../src/main/core/host/hosted-core.js';
import type { JobSummary } from '../../../src/shared/engine.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { BIN, exportJson, runCli } from '../../helpers/kill-resume.js';
import { redisMissing, TestRedis } from '../../helpers/redis.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';
import { addHostedVideo } from '../host/hosted-video.js';

const missing = redisMissing();

describe.skipIf(missing !== null)(`hosted core as coordinator${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let dir: string;
  let redis: TestRedis;
  let worker: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = tmpDir('scaleout-hosted');
    redis = new TestRedis(dir);
    await redis.start();
    env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir };
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await redis?.stop();
  });

  it('the core process killed with SIGKILL mid-run is restarted and collects the rest: export equals a local run', { timeout: 300_000 }, async () => {
    const clip = await makeClip({ dir, name: 'long.mp4', seconds: 40, fps: '25', width: 160, height: 120 });
    const reference = path.join(dir, 'reference.db');
    const local = await runCli(['--db', reference, 'analyze', clip, '--model', 'test-recurrent', '--provider', 'cpu'], env);
    expect(local.code, local.stderr).toBe(0);

    const log = path.join(dir, 'worker.log');
    const fd = openSync(log, 'a');
    worker = spawn(process.execPath, [BIN, 'worker', '--lock-ms', '2000'], { env: { ...env, ACTIONLENS_QUEUE: redis.url }, stdio: ['ignore', fd, fd] });
    closeSync(fd);

    const db = path.join(dir, 'hosted.db');
    const queue = { place: 'workers' as const, queueUrl: `redis://default@127.0.0.1:${redis.port}`, password: redis.password, tlsCaFile: null, insecureRedis: false };
    const core = await HostedCore.start(forkNodeHost(), { dataDir: dir, databaseFile: db, version: 'test', modelDirs: [FIXTURE_MODELS_DIR], queue });
    try {
      const place = await core.call('settings.analysisPlace', {});
      expect(place).toMatchObject({ ok: true, value: { place: 'workers', state: 'connected', passwordSet: true, source: 'command line' } });
      expect(JSON.stringify(place)).not.toContain(redis.password);
      const video = await addHostedVideo(core, clip);
      const firstPid = core.pid;
      let killed = false;
      let framesAtKill = 0;
      const completed = new Promise<JobSummary>((resolve, reject) => {
        core.on('analysis.job', (job) => {
          if (killed && job.state === 'completed') resolve(job);
          if (job.state === 'failed') reject(new Error(job.error?.message));
        });
      });
      core.on('analysis.progress', (progress) => {
        if (!killed && progress.framesDone >= 256) {
          killed = true;
          framesAtKill = progress.framesDone;
          process.kill(firstPid!, 'SIGKILL');
        }
      });
      const started = await core.call('analysis.start', { videoIds: [video.id], modelIds: ['test-recurrent'], provider: 'cpu' });
      expect(started.ok).toBe(true);
      const job = await completed;
      expect(killed).toBe(true);
      expect(core.pid).not.toBe(firstPid);
      // The worker may finish before the new core starts the job again: then the chunks that waited in Redis complete the run and the job reuses it.
      expect(job.framesDone).toBe(1000);
      expect(['resumed', 'reused']).toContain(job.origin);
      expect(framesAtKill).toBeLessThan(1000);
    } finally {
      await core.close();
    }
    // The worker computed it (the core only stored), and every frame is stored once, as a local run's.
    expect(readFileSync(log, 'utf8')).toMatch(/job run-[\w-]+: .*test-recurrent from frame 0/);
    expect(await exportJson(db, 1, env)).toBe(await exportJson(reference, 1, env));
  });

  it('serve --queue with a Redis that does not answer exits at once with one line naming --queue, never the password', { timeout: 60_000 }, async () => {
    const served = await runCli(['--db', path.join(dir, 'serve.db'), 'serve', '--port', '0', '--renderer', dir, '--queue', 'redis://al:s3cret-pw@127.0.0.1:1'], env);
    expect(served.code).toBe(1);
    expect(served.stderr.trim()).toBe('actionlens: --queue: cannot use the queue at redis://al:***@127.0.0.1:1: nothing listens there (connection refused).');
  });
});

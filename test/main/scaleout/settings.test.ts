/**
 * The analysis place through the contract (settings.analysisPlace / settings.setAnalysisPlace), as
 * the settings screen calls it: refusals are one line naming the field and nothing changes; with a
 * real password-protected redis-server and a real `actionlens worker`, a change applies to the next
 * job without a restart, the password stays in the 0600 settings file and never comes back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import type { AppCore } from '../../../src/main/core/app.js';
import { SETTINGS_FILE } from '../../../src/main/core/scaleout/settings-file.js';
import type { AnalysisPlaceView } from '../../../src/shared/scaleout.js';
import type { SerializedError } from '../../../src/shared/errors.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { BIN } from '../../helpers/kill-resume.js';
import { redisMissing, TestRedis } from '../../helpers/redis.js';
import { addVideo, analyse, useTestCore } from '../analysis/core.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

async function place(core: AppCore, args: unknown): Promise<AnalysisPlaceView> {
  const outcome = await dispatchCall(core.handlers, 'settings.setAnalysisPlace', args);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
  return outcome.value as AnalysisPlaceView;
}

async function refusal(core: AppCore, args: unknown): Promise<SerializedError> {
  const outcome = await dispatchCall(core.handlers, 'settings.setAnalysisPlace', args);
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

async function view(core: AppCore): Promise<AnalysisPlaceView> {
  const outcome = await dispatchCall(core.handlers, 'settings.analysisPlace', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as AnalysisPlaceView;
}

describe('settings.setAnalysisPlace refusals', () => {
  const cores = useTestCore();

  it('a bad URL, a missing one, a remote Redis without password or one that does not answer: one line naming the field, nothing stored', async () => {
    const dir = tmpDir('place-refusals');
    const core = cores.open({ dataDir: dir, databaseFile: path.join(dir, 'a.db') });
    const cases: [unknown, RegExp][] = [
      [{ place: 'workers', queueUrl: 'not a url' }, /^queueUrl: "not a url" is not a URL; expected redis:\/\//],
      [{ place: 'workers', queueUrl: 'http://u:s3cret@h:1' }, /^queueUrl: "http:\/\/u:\*\*\*@h:1" must start with redis:\/\/ or rediss:\/\//],
      [{ place: 'workers' }, /^queueUrl: give the Redis URL/],
      [{ place: 'workers', queueUrl: 'redis://10.9.8.7:6379' }, /^queueUrl: redis:\/\/10\.9\.8\.7:6379 has no password and is not on this machine/],
      [{ place: 'both', queueUrl: 'redis://127.0.0.1:1', password: 's3cret' }, /^queueUrl: cannot use the queue at redis:\/\/default:\*\*\*@127\.0\.0\.1:1: nothing listens there \(connection refused\)\.$/],
      [{ place: 'workers', queueUrl: 'rediss://127.0.0.1:1', tlsCaFile: '/dev/zero' }, /^tlsCaFile: \/dev\/zero is not a CA certificate file/],
      [{ place: 'nowhere' }, /invalid argument "place"/],
    ];
    for (const [args, message] of cases) {
      const error = await refusal(core, args);
      expect(error.code, JSON.stringify(args)).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toContain('s3cret');
    }
    expect(await view(core)).toMatchObject({ place: 'local', state: 'local', queueUrl: null, passwordSet: false, source: 'settings' });
    expect(existsSync(path.join(dir, SETTINGS_FILE))).toBe(false);
  });
});

const missing = redisMissing();

describe.skipIf(missing !== null)(`settings.setAnalysisPlace with a real Redis and worker${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const cores = useTestCore();
  const dir = tmpDir('place-redis');
  const redis = new TestRedis(dir);
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await redis.stop();
  });

  it('applies to the next job without a restart, stores the password 0600 and never returns it', { timeout: 180_000 }, async () => {
    await redis.start();
    const log = path.join(dir, 'worker.log');
    const fd = openSync(log, 'a');
    worker = spawn(process.execPath, [BIN, 'worker'], { env: { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir, ACTIONLENS_QUEUE: redis.url }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const clip = await makeClip({ dir, name: 'short.mp4', seconds: 4, fps: '25', width: 160, height: 120 });
    const core = cores.open({ dataDir: dir, databaseFile: path.join(dir, 'place.db') });
    const video = await addVideo(core, clip);

    const wrong = await refusal(core, { place: 'workers', queueUrl: `redis://127.0.0.1:${redis.port}`, password: 'not-the-password' });
    expect(wrong.message).toMatch(/^queueUrl: cannot use the queue at .*: the user or password is wrong\.$/);

    const set = await place(core, { place: 'workers', queueUrl: redis.url });
    expect(set).toMatchObject({ place: 'workers', state: 'connected', problem: null, passwordSet: true, queueUrl: `redis://default@127.0.0.1:${redis.port}` });
    expect(JSON.stringify(await view(core))).not.toContain(redis.password);
    const file = path.join(dir, SETTINGS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(redis.password);

    // The worker computes this one (this process only stores it) ...
    expect(await analyse(core, video.id, 'test-frame')).toMatchObject({ state: 'completed', origin: 'fresh' });
    expect([...readFileSync(log, 'utf8').matchAll(/job run-[\w-]+: .*test-frame/g)]).toHaveLength(1);
    // ... and after switching back, the next computes here: the worker sees no new job.
    expect(await place(core, { place: 'local' })).toMatchObject({ place: 'local', state: 'local', passwordSet: true });
    expect(await analyse(core, video.id, 'test-clip')).toMatchObject({ state: 'completed', origin: 'fresh' });
    expect([...readFileSync(log, 'utf8').matchAll(/job run-[\w-]+: /g)]).toHaveLength(1);

    // Kept, without the password (omitted keeps it): a core opened later on the data folder connects.
    await place(core, { place: 'workers' });
    const again = cores.open({ dataDir: dir, databaseFile: path.join(dir, 'other.db') });
    await again.placement.opened();
    expect(await view(again)).toMatchObject({ place: 'workers', state: 'connected', passwordSet: true });
  });
});

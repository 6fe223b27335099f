/**
 * A recording still being written: `analyze --follow` labels frames as the file grows and finishes
 * once it stops growing. ffmpeg writes the file in real time (-re), as a recorder would.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import type { JobSummary, RunSummary } from '../../../src/shared/engine.js';
import { resolveBinaries } from '../../../src/main/core/media/index.js';
import { REPO_ROOT, tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODELS_DIR } from './fixtures.js';

const BIN = path.join(REPO_ROOT, 'bin/actionlens.mjs');
const SECONDS = 15;
const FPS = 25;

it('--follow labels every frame of a file that grows while it is analysed; without it, only the frames already written', async () => {
  const dir = tmpDir('follow');
  const recording = path.join(dir, 'camera.ts');
  const args = ['-v', 'error', '-re', '-f', 'lavfi', '-i', `testsrc2=size=160x120:rate=${FPS}`, '-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mpegts', recording];
  const recorder = spawn(resolveBinaries().ffmpeg.path, args, { stdio: 'ignore' });
  const recorded = new Promise((resolve) => recorder.once('exit', resolve));
  for (let waited = 0; !(existsSync(recording) && statSync(recording).size > 50_000) && waited < 10_000; waited += 50) await delay(50);

  const cli = (...extra: string[]) =>
    promisify(execFile)(process.execPath, [BIN, '--db', path.join(dir, `${extra.length}.db`), '--json', 'analyze', recording, '-m', 'test-frame', '--provider', 'cpu', ...extra], {
      env: { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR },
    });
  const [followed, snapshot] = await Promise.all([cli('--follow', '5'), cli()]);
  await recorded;

  const result = (stdout: string) => (JSON.parse(stdout) as { job: JobSummary; run: RunSummary }[])[0]!;
  const all = result(followed.stdout);
  expect(all.job.state).toBe('completed');
  // Every frame the recorder wrote (a recorder stalled past the idle time would end it early: 5 s is generous).
  expect(all.run, JSON.stringify(all.run)).toMatchObject({ status: 'completed', framesDone: SECONDS * FPS, frameCount: SECONDS * FPS });
  const partial = result(snapshot.stdout);
  expect(partial.run.status).toBe('completed');
  expect(partial.run.framesDone).toBeLessThan(SECONDS * FPS);
}, 60_000);

/**
 * kill -9 of the hosted core during a pose run: the shell restarts the host, starts the pose job
 * again there, the run resumes from its last committed chunk, and the stored people equal an
 * uninterrupted run's, frame by frame. Real processes, a real SIGKILL, real ffmpeg, MoveNet ONNX.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { forkNodeHost } from '../../../src/main/core/host/fork-host.js';
import { HostedCore } from '../../../src/main/core/host/hosted-core.js';
import type { JobSummary } from '../../../src/shared/engine.js';
import { REPO_ROOT, tmpDir } from '../../helpers/clips.js';
import { missingClip, NTU_CLIP, storedPeople } from '../pose/pose-fixtures.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';
import { addHostedVideo } from './hosted-video.js';

const missing = missingClip(NTU_CLIP);

function committedFrames(file: string): number {
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (reader.prepare("SELECT frames_done FROM runs WHERE status = 'running'").pluck().get() as number | undefined) ?? 0;
  } finally {
    reader.close();
  }
}

describe.skipIf(missing !== null)(`hosted core killed during a pose run${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('is restarted and the pose job resumes, storing what an uninterrupted run stores', { timeout: 300_000 }, async () => {
    const dir = tmpDir('host-kill-pose');
    const env = { ...process.env, ACTIONLENS_DATA_DIR: dir };
    const reference = path.join(dir, 'reference.db');
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin/actionlens.mjs'), '--db', reference, 'pose', NTU_CLIP, '--max-people', '2'], { env });

    const db = path.join(dir, 'hosted.db');
    const core = await HostedCore.start(forkNodeHost(), { dataDir: dir, databaseFile: db, version: 'test', modelDirs: [FIXTURE_MODELS_DIR] });
    try {
      const video = await addHostedVideo(core, NTU_CLIP);
      const firstPid = core.pid;
      let killed = false;
      const completed = new Promise<JobSummary>((resolve) => {
        core.on('analysis.job', (job) => void (killed && job.state === 'completed' && resolve(job)));
      });
      const started = await core.call('pose.start', { videoIds: [video.id], maxPeople: 2 });
      expect(started.ok).toBe(true);
      // Killed once a chunk is committed (pose chunks commit by size or time), so there is something to resume from.
      for (let waited = 0; !killed && waited < 120_000; waited += 20) {
        await delay(20);
        if (committedFrames(db) > 0) {
          killed = true;
          process.kill(firstPid!, 'SIGKILL');
        }
      }
      expect(killed).toBe(true);
      const job = await completed;

      expect(core.pid).not.toBe(firstPid);
      expect(job).toMatchObject({ origin: 'resumed', framesDone: 103 });
      expect(job.resumedFromFrame).toBeGreaterThan(0);
    } finally {
      await core.close();
    }
    expect(storedPeople(db)).toEqual(storedPeople(reference));
  });
});

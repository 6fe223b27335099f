/**
 * kill -9 of the hosted core during an analysis: the shell says so (`core.host` events), starts a
 * new host process, the job starts again there and resumes the run, and the export is the same
 * as an uninterrupted run's. Real processes, a real SIGKILL, real ffmpeg and ONNX.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkNodeHost } from '../../../src/main/core/host/fork-host.js';
import { HostedCore } from '../../../src/main/core/host/hosted-core.js';
import type { CoreHostStatus } from '../../../src/shared/contract.js';
import type { JobSummary } from '../../../src/shared/engine.js';
import { tmpDir } from '../../helpers/clips.js';
import { exportJson, runCli } from '../../helpers/kill-resume.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';
import { addHostedVideo } from './hosted-video.js';

describe('hosted core killed during an analysis', () => {
  it('is restarted by the shell and the job completes with the export of an uninterrupted run', { timeout: 240_000 }, async () => {
    const dir = tmpDir('host-kill');
    const env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir };
    const clip = path.join(dir, 'synthetic.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '40', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clip]);
    const reference = path.join(dir, 'reference.db');
    const uninterrupted = await runCli(['--db', reference, 'analyze', clip, '--model', 'test-frame', '--provider', 'cpu'], env);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

    const db = path.join(dir, 'hosted.db');
    const core = await HostedCore.start(forkNodeHost(), { dataDir: dir, databaseFile: db, version: 'test', modelDirs: [FIXTURE_MODELS_DIR] });
    try {
      const statuses: CoreHostStatus[] = [];
      core.on('core.host', (status) => statuses.push(status));
      const video = await addHostedVideo(core, clip);
      const firstPid = core.pid;
      let killed = false;
      const completed = new Promise<JobSummary>((resolve) => {
        core.on('analysis.job', (job) => void (killed && job.state === 'completed' && resolve(job)));
      });
      core.on('analysis.progress', (progress) => {
        if (!killed && progress.framesDone >= 300) {
          killed = true;
          process.kill(firstPid!, 'SIGKILL');
        }
      });
      const started = await core.call('analysis.start', { videoIds: [video.id], modelIds: ['test-frame'], provider: 'cpu' });
      expect(started.ok).toBe(true);
      const job = await completed;

      expect(killed).toBe(true);
      expect(core.pid).not.toBe(firstPid);
      expect(statuses[0]).toMatchObject({ state: 'restarting', reason: expect.stringContaining('SIGKILL') });
      expect(statuses).toContainEqual({ state: 'running', pid: core.pid });
      expect(job).toMatchObject({ origin: 'resumed', framesDone: 1000 });
      expect(job.resumedFromFrame).toBeGreaterThan(0);
    } finally {
      await core.close();
    }
    expect(await exportJson(db, 1, env)).toBe(await exportJson(reference, 1, env));
  });
});

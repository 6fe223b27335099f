/**
 * Watch folders: ffmpeg writes an MPEG-TS recording in real time (-re) into a source's folder while
 * the watcher runs; it is picked up while still growing, analysed to its last frame with the
 * source's model and stride, and its review items appear.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { JobSummary } from '../../../src/shared/engine.js';
import { resolveBinaries } from '../../../src/main/core/media/index.js';
import { FolderWatcher } from '../../../src/main/core/review/watcher.js';
import { tmpDir } from '../../helpers/clips.js';
import { useTestCore } from '../analysis/core.js';

const SECONDS = 8;
const FPS = 25;
const cores = useTestCore();

it('a recording written while the watcher runs is picked up, followed to its end, and its review items appear', async () => {
  const core = cores.open();
  const folder = path.join(tmpDir('watch'), 'front-door');
  mkdirSync(folder);
  const source = await core.review.addSource({ name: 'front door', path: folder, modelIds: ['test-frame'], stride: 2 });
  core.review.addRule(source.id, 'anything', { classes: [], minConfidence: 0, mergeGapSec: 0.5, preRollSec: 1, postRollSec: 1 });

  const queued: JobSummary[] = [];
  const watcher = new FolderWatcher(core.review, core.library, { intervalMs: 250, followIdleSec: 3, onJobs: (_s, jobs) => queued.push(...jobs) });
  const finished = new Promise<JobSummary>((resolve) => {
    const off = core.on('analysis.job', (job) => {
      if (job.state !== 'completed' && job.state !== 'failed') return;
      off();
      resolve(job);
    });
  });
  watcher.start();
  const recording = path.join(folder, 'cam-20261206.ts');
  const args = ['-v', 'error', '-re', '-f', 'lavfi', '-i', `testsrc2=size=160x120:rate=${FPS}`, '-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mpegts', recording];
  const recorder = spawn(resolveBinaries().ffmpeg.path, args, { stdio: 'ignore' });
  const recorded = new Promise<number | null>((resolve) => recorder.once('exit', resolve));
  let pickedUpWhileRecording = false;
  const watchQueue = setInterval(() => (pickedUpWhileRecording ||= queued.length > 0 && recorder.exitCode === null), 50);

  const job = await finished;
  clearInterval(watchQueue);
  expect(await recorded).toBe(0);
  await watcher.stop();
  expect(pickedUpWhileRecording).toBe(true);
  expect(job, JSON.stringify(job)).toMatchObject({ state: 'completed', modelId: 'test-frame', videoPath: recording });
  const run = core.analysis.run(job.runId!);
  // followed to its end: at stride 2 the last sampled frame is 198 of 0–199
  expect(run.framesDone).toBeGreaterThanOrEqual(SECONDS * FPS - 2);
  expect(run.params).toMatchObject({ sampling: { stride: 2 } });

  const page = core.review.repo.page();
  expect(page.total).toBeGreaterThan(0);
  expect(page.unreviewedTotal).toBe(page.total);
  for (const item of page.items) {
    expect(item).toMatchObject({ sourceName: 'front door', videoPath: recording, runId: run.id, people: null, verdict: null });
    expect(item.endSec).toBeLessThanOrEqual(SECONDS + 1e-6);
    expect(item.peakFrame).toBeLessThan(SECONDS * FPS);
  }
  // a second scan queues nothing: the file was handled
  expect(await watcher.scanOnce()).toEqual([]);
}, 90_000);

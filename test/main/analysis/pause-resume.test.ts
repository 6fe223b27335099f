/**
 * Pause and resume through the contract (analysis.pause / analysis.resume), with real ffmpeg, real
 * ONNX models and real SQLite: a paused run stops at a chunk boundary and is left queued (as an
 * interrupted run), nothing runs while it is paused, and once resumed its JSON export with per-frame
 * labels is byte for byte the export of an uninterrupted run on a separate database.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/core/app.js';
import { exportRuns } from '../../../src/main/core/analysis/run-export.js';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import type { CallName } from '../../../src/shared/channels.js';
import type { JobSummary } from '../../../src/shared/engine.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, integrityCheck, useTestCore } from './core.js';

let clip: string;
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('pause-resume'), name: 'long.mp4', seconds: 24, fps: '25', width: 160, height: 120 }); // 600 frames
});

const testCore = useTestCore();
// Progress on every frame: a fast machine finishes the 600 frames inside the default 250 ms progress interval, and the test pauses on progress.
const open = () => testCore.open({ databaseFile: path.join(tmpDir('pause-resume-db'), 'engine.db'), analysis: { threads: { intraOp: 1 }, commitFrames: 32, progressIntervalMs: 0 } });

async function call<R>(core: AppCore, name: CallName, payload: unknown): Promise<R> {
  const outcome = await dispatchCall(core.handlers, name, payload);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.value as R;
}

/** Resolves once the job's committed progress passes `frames`. */
function progressPast(core: AppCore, jobId: number, frames: number): Promise<void> {
  return new Promise((resolve) => {
    const off = core.on('analysis.progress', (p) => {
      if (p.jobId === jobId && p.framesDone > frames) {
        off();
        resolve();
      }
    });
  });
}

function exportJson(core: AppCore, runId: number): string {
  return [...exportRuns(core.store, core.analysis, [runId], { format: 'json', frames: true, topK: 3 })].join('');
}

async function uninterrupted(modelId: string, options: Record<string, unknown>): Promise<string> {
  const core = open();
  const video = await addVideo(core, clip);
  const [job] = await call<JobSummary[]>(core, 'analysis.start', { videoIds: [video.id], modelIds: [modelId], provider: 'cpu', ...options });
  const [done] = await core.analysis.wait([job!.id]);
  expect(done).toMatchObject({ state: 'completed', origin: 'fresh' });
  return exportJson(core, done!.runId!);
}

describe('analysis.pause and analysis.resume', () => {
  it.each([
    ['test-recurrent', {}],
    ['test-clip', { sampling: { stride: 1, windowStride: 3 } }],
  ] as const)('%s: paused twice mid-run and resumed, the export equals an uninterrupted run byte for byte', { timeout: 180_000 }, async (modelId, options) => {
    const core = open();
    const video = await addVideo(core, clip);
    const states: string[] = [];
    core.on('analysis.job', (job) => states.push(job.state));
    const [job] = await call<JobSummary[]>(core, 'analysis.start', { videoIds: [video.id], modelIds: [modelId], provider: 'cpu', ...options });
    let pausedAt = 0;
    for (let pause = 0; pause < 2; pause++) {
      await progressPast(core, job!.id, pausedAt + 64);
      const [paused] = await call<JobSummary[]>(core, 'analysis.pause', { jobIds: [job!.id] });
      expect(paused).toMatchObject({ id: job!.id, state: 'paused' });
      // Stopped at a chunk boundary: the job says what the run committed, the run waits queued without an owner.
      const run = core.store.runs.get(paused!.runId!)!;
      expect(run).toMatchObject({ status: 'queued', owner: null, framesDone: paused!.framesDone });
      expect(run.framesDone).toBeGreaterThan(pausedAt);
      expect(core.store.predictions.lastCommittedFrame(run.id) + 1).toBe(run.framesDone);
      pausedAt = run.framesDone;
      // Nothing runs while paused.
      await sleep(500);
      expect(core.store.runs.get(run.id)!.framesDone).toBe(pausedAt);
      expect(core.analysis.jobs().find((j) => j.id === job!.id)!.state).toBe('paused');
      const [resumed] = await call<JobSummary[]>(core, 'analysis.resume', { jobIds: [job!.id] });
      expect(['queued', 'running']).toContain(resumed!.state);
    }
    const [done] = await core.analysis.wait([job!.id]);
    expect(done).toMatchObject({ state: 'completed', origin: 'resumed', resumedFromFrame: pausedAt, framesDone: 600 });
    expect(states.filter((s) => s === 'paused')).toHaveLength(2);
    expect(core.analysis.runsForVideo(video.id)).toHaveLength(1);
    expect(integrityCheck(core)).toBe('ok');

    const exported = exportJson(core, done!.runId!);
    expect(exported.length).toBeGreaterThan(1000);
    expect(exported === (await uninterrupted(modelId, options))).toBe(true);
  });

  it('a queued job paused does not start; resumed, it runs; cancel ends a paused job; finished jobs are left alone', { timeout: 120_000 }, async () => {
    const core = open();
    const video = await addVideo(core, clip);
    const [first, second] = await call<JobSummary[]>(core, 'analysis.start', { videoIds: [video.id], modelIds: ['test-frame', 'test-recurrent'], provider: 'cpu' });
    const [queued] = await call<JobSummary[]>(core, 'analysis.pause', { jobIds: [second!.id] });
    expect(queued).toMatchObject({ state: 'paused', runId: null });
    await core.analysis.wait([first!.id]);
    await sleep(300);
    expect(core.analysis.jobs().find((j) => j.id === second!.id)).toMatchObject({ state: 'paused', runId: null });
    // Finished jobs are answered as they are.
    expect(await call<JobSummary[]>(core, 'analysis.pause', { jobIds: [first!.id] })).toMatchObject([{ state: 'completed' }]);
    expect(await call<JobSummary[]>(core, 'analysis.resume', { jobIds: [first!.id] })).toMatchObject([{ state: 'completed' }]);
    await call(core, 'analysis.resume', { jobIds: [second!.id] });
    await progressPast(core, second!.id, 64);
    await call(core, 'analysis.pause', { jobIds: [second!.id] });
    expect(await call(core, 'analysis.cancel', { jobId: second!.id })).toEqual({ cancelled: true });
    const [cancelled] = await core.analysis.wait([second!.id]);
    expect(cancelled).toMatchObject({ state: 'cancelled' });
    // The run keeps its committed chunks: starting the same work again resumes it.
    const [again] = await call<JobSummary[]>(core, 'analysis.start', { videoIds: [video.id], modelIds: ['test-recurrent'], provider: 'cpu' });
    const [done] = await core.analysis.wait([again!.id]);
    expect(done).toMatchObject({ state: 'completed', origin: 'resumed', runId: cancelled!.runId });
  });

  it('unknown job ids are refused naming the field', async () => {
    const core = open();
    const outcome = await dispatchCall(core.handlers, 'analysis.pause', { jobIds: [999] });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'jobIds.0' } });
    expect(await dispatchCall(core.handlers, 'analysis.resume', { jobIds: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'jobIds' } });
  });
});

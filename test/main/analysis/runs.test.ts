import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import type { AnalysisProgress, JobSummary, ProbabilitySeries, RunSummary } from '../../../src/shared/engine.js';
import { postprocessSchema, type Segment } from '../../../src/shared/analysis.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';
import { maxDifference, rowsOf } from './reference.js';

let clip: string;
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('runs'), name: 'runs.mp4', seconds: 4, fps: '25', width: 64, height: 48 });
});

const testCore = useTestCore();

describe('stored runs', () => {
  it('records the provider used, thread counts, stage timings, alignment and identity with the run', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const job = await analyse(core, video.id, 'test-frame');
    const run = core.analysis.run(job.runId!);
    expect(run).toMatchObject({ status: 'completed', provider: 'cpu', providerUsed: 'cpu', threads: { intraOp: 1, interOp: 1 }, framesDone: 100, frameCount: 100, alignment: 'framewise' });
    for (const stage of ['decodeWait', 'preprocess', 'inference', 'inferenceWait', 'store', 'segments', 'total']) expect(run.timings).toHaveProperty(stage);
    expect(run.params).toMatchObject({ engine: 2, model: { id: 'test-frame', version: '0.1.0' }, sampling: { stride: 1 }, videoFingerprint: video.fingerprint });
    expect(integrityCheck(core)).toBe('ok');
  });

  it('recognises the same work: an identical request reuses the run; provider and hwaccel do not count', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const first = await analyse(core, video.id, 'test-clip');
    const again = await analyse(core, video.id, 'test-clip', { provider: 'auto', hwaccel: true, sampling: { stride: 7, windowStride: 4 } });
    expect(again).toMatchObject({ state: 'completed', origin: 'reused', runId: first.runId });
    expect(core.analysis.runsForVideo(video.id)).toHaveLength(1);
    const other = await analyse(core, video.id, 'test-clip', { sampling: { stride: 1, windowStride: 2 } });
    expect(other.origin).toBe('fresh');
    expect(core.analysis.runsForVideo(video.id)).toHaveLength(2);
  });

  it('other post-processing copies the stored probabilities instead of running the model again', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const first = await analyse(core, video.id, 'test-frame');
    const postprocess = postprocessSchema.parse({ smoothing: { kind: 'median', windowFrames: 9 }, threshold: 0.2 });
    const second = await analyse(core, video.id, 'test-frame', { postprocess });
    expect(second).toMatchObject({ state: 'completed', origin: 'reused', framesDone: 100 });
    expect(second.runId).not.toBe(first.runId);
    const run = core.analysis.run(second.runId!);
    expect(run.timings).toMatchObject({ copiedFromRun: first.runId });
    expect(run.providerUsed).toBe('cpu');
    const a = core.store.predictions.readRange(first.runId!, 0, 100).probs;
    const b = core.store.predictions.readRange(second.runId!, 0, 100).probs;
    expect(b).toEqual(a);
    expect(core.analysis.segments(second.runId!)).toEqual(await core.analysis.rederive(first.runId!, postprocess));
  });

  it('a copy of the same file at another path is the same content: its probabilities are reused', async () => {
    const core = testCore.open();
    const copy = path.join(tmpDir('runs'), 'copy of runs.mp4');
    copyFileSync(clip, copy);
    const original = await addVideo(core, clip);
    const duplicate = await addVideo(core, copy);
    expect(duplicate.fingerprint).toBe(original.fingerprint);
    await analyse(core, original.id, 'test-recurrent');
    const job = await analyse(core, duplicate.id, 'test-recurrent');
    expect(job.origin).toBe('reused');
    expect(core.analysis.runsForVideo(duplicate.id)).toHaveLength(1);
  });
});

describe('while a run is running', () => {
  it('stores partial segments as chunks commit, so a timeline can show them before the end', async () => {
    const core = testCore.open({ analysis: { threads: { intraOp: 1 }, commitFrames: 16, segmentIntervalMs: 0, progressIntervalMs: 0 } });
    const video = await addVideo(core, clip);
    const seen: { framesDone: number; status: string; lastEnd: number }[] = [];
    core.on('analysis.progress', (p) => {
      const run = core.analysis.run(p.runId);
      seen.push({ framesDone: run.framesDone, status: run.status, lastEnd: core.analysis.segments(p.runId).at(-1)?.endFrame ?? 0 });
    });
    // Threshold 0: every frame belongs to a segment, so partial segments must show up.
    const job = await analyse(core, video.id, 'test-frame', { postprocess: postprocessSchema.parse({ threshold: 0 }) });
    expect(job.state).toBe('completed');
    const partial = seen.filter((s) => s.status === 'running' && s.framesDone > 0 && s.framesDone < 100);
    expect(partial.length).toBeGreaterThan(0);
    for (const s of partial) expect(s.lastEnd).toBeLessThanOrEqual(s.framesDone);
    expect(partial.some((s) => s.lastEnd > 0)).toBe(true);
  });

  it('hardware decoding, asked for, falls back to software where there is none and labels the same', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const software = await analyse(core, video.id, 'test-recurrent');
    const other = testCore.open();
    const hardware = await analyse(other, (await addVideo(other, clip)).id, 'test-recurrent', { hwaccel: true });
    expect(hardware).toMatchObject({ state: 'completed', framesDone: 100 });
    // Equal here (no decoder hardware); a GPU decoder may round pixels a little differently.
    const rows = (c: typeof core, runId: number) => rowsOf(c.store.predictions.readRange(runId, 0, 100).probs, 11);
    expect(maxDifference(rows(other, hardware.runId!), rows(core, software.runId!))).toBeLessThan(0.02);
  });
});

describe('the contract for the renderer', () => {
  it('starts jobs, reports them and their progress, and serves runs, segments and downsampled probabilities', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const jobEvents: JobSummary[] = [];
    const progress: AnalysisProgress[] = [];
    core.on('analysis.job', (job) => jobEvents.push(job));
    core.on('analysis.progress', (p) => progress.push(p));
    const call = async <T>(name: string, args: unknown): Promise<T> => {
      const outcome = await dispatchCall(core.handlers, name, args);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as T;
    };

    const { models } = await call<{ models: { id: string }[] }>('models.list', {});
    expect(models.map((m) => m.id).sort()).toEqual(['test-clip', 'test-frame', 'test-recurrent', 'test-two-stream']);
    const jobs = await call<JobSummary[]>('analysis.start', { videoIds: [video.id], modelIds: ['test-frame', 'test-clip'], provider: 'cpu' });
    expect(jobs.map((j) => [j.modelId, j.state])).toEqual([['test-frame', 'running'], ['test-clip', 'queued']]);
    await core.analysis.wait(jobs.map((j) => j.id));
    const listed = await call<JobSummary[]>('analysis.jobs', {});
    expect(listed.map((j) => j.state)).toEqual(['completed', 'completed']);
    // Concurrency 1: the second job starts only when the first has finished.
    const states = jobEvents.map((j) => `${j.id}:${j.state}`).filter((s, i, all) => all.indexOf(s) === i);
    expect(states.indexOf(`${jobs[1]!.id}:running`)).toBeGreaterThan(states.indexOf(`${jobs[0]!.id}:completed`));
    const last = progress.filter((p) => p.jobId === jobs[0]!.id).at(-1)!;
    expect(last).toMatchObject({ framesDone: 100, frameCount: 100, etaSec: 0 });
    expect(last.fps).toBeGreaterThan(0);

    const runs = await call<RunSummary[]>('runs.listForVideo', { videoId: video.id });
    expect(runs.map((r) => r.modelId)).toEqual(['test-frame', 'test-clip']);
    const series = await call<ProbabilitySeries>('runs.probabilities', { runId: runs[0]!.id, startFrame: 10, endFrame: 90, points: 8 });
    expect(series.frames).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(series.probs).toHaveLength(8 * 11);
    const stored = core.store.predictions.readRange(runs[0]!.id, 10, 20).probs;
    const meanOfFirstBucket = Array.from({ length: 11 }, (_, c) => Array.from({ length: 10 }, (_, f) => stored[f * 11 + c]!).reduce((a, b) => a + b) / 10);
    series.probs.slice(0, 11).forEach((p, c) => expect(p).toBeCloseTo(meanOfFirstBucket[c]!, 6));
    const peaks = await call<ProbabilitySeries>('runs.probabilities', { runId: runs[0]!.id, points: 1000, reduce: 'max' });
    expect(peaks.frames).toHaveLength(100); // never more points than frames

    const segments = await call<Segment[]>('runs.segments', { runId: runs[1]!.id });
    expect(segments.length).toBeGreaterThan(0);
    expect(segments[0]).toMatchObject({ startFrame: 0, startSec: 0 });
    const none = await call<Segment[]>('runs.rederive', { runId: runs[1]!.id, postprocess: postprocessSchema.parse({ threshold: 1 }) });
    expect(none).toEqual([]);
    expect(await call<Segment[]>('runs.segments', { runId: runs[1]!.id })).toEqual(segments); // a preview: nothing stored
  });

  it('asking again for work already queued or running returns that job, whatever the provider', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const [first] = await core.analysis.start({ videoIds: [video.id], modelIds: ['test-frame'], options: { provider: 'cpu' } });
    const [again] = await core.analysis.start({ videoIds: [video.id], modelIds: ['test-frame'], options: { provider: 'auto' } });
    expect(again!.id).toBe(first!.id);
    await core.analysis.wait([first!.id]);
    expect(core.analysis.jobs()).toHaveLength(1);
    expect(core.analysis.runsForVideo(video.id)).toHaveLength(1);
  });

  it('refuses unknown videos and models before queueing anything', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const unknownModel = await dispatchCall(core.handlers, 'analysis.start', { videoIds: [video.id], modelIds: ['nope'] });
    expect(unknownModel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'modelIds' } });
    const unknownVideo = await dispatchCall(core.handlers, 'analysis.start', { videoIds: [999], modelIds: ['test-frame'] });
    expect(unknownVideo).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'videoIds.0' } });
    expect(core.analysis.jobs()).toEqual([]);
  });
});

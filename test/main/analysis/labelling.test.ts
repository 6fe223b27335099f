/**
 * Each family's per-frame labels, computed by the engine (ffmpeg → worker thread → store), equal
 * the same labels computed here independently: frames decoded once, preprocessed pixel by pixel
 * and the model run sample by sample in the test's own onnxruntime session.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/core/app.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, useTestCore } from './core.js';
import { maxDifference, openSession, referenceFrames, rowsOf, run, softmax } from './reference.js';

// Stored probabilities are quantised to 1/65535 (u16q).
const STORED_PRECISION = 5e-5;
const FRAMES = 60;
let clip: string;

beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('labelling'), name: 'moving.mp4', seconds: FRAMES / 25, fps: '25', width: 64, height: 48 });
});

const testCore = useTestCore();

function storedRows(core: AppCore, runId: number): Float32Array[] {
  const run = core.store.runs.get(runId)!;
  const range = core.store.predictions.readRange(runId, 0, run.framesDone);
  return rowsOf(range.probs, range.classCount);
}

describe('per-frame labels for every family', () => {
  it('frame-classifier: each frame its own prediction; with a stride, the nearest analysed frame', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const { session, manifest } = await openSession('test-frame');
    const expected: number[][] = [];
    for (const frame of await referenceFrames(clip, manifest)) expected.push(softmax((await run(session, { rgb: { data: frame, dims: [1, 3, 32, 32] } })).logits!));
    expect(expected).toHaveLength(FRAMES);

    const job = await analyse(core, video.id, 'test-frame');
    expect(job).toMatchObject({ state: 'completed', origin: 'fresh', framesDone: FRAMES, provider: 'cpu' });
    expect(maxDifference(storedRows(core, job.runId!), expected)).toBeLessThan(STORED_PRECISION);

    const strided = await analyse(core, video.id, 'test-frame', { sampling: { stride: 4, windowStride: 4 } });
    const nearest = (f: number) => 4 * Math.floor((f + 1) / 4); // ties (f = 4k + 2) go to the earlier frame
    expect(maxDifference(storedRows(core, strided.runId!), expected.map((_, f) => expected[Math.min(nearest(f), 56)]!))).toBeLessThan(STORED_PRECISION);
    expect(core.analysis.run(strided.runId!).alignment).toBe('framewise;stride=4;between=nearest-analysed-frame');
  });

  it('recurrent: chunks carrying h/c give what one pass over the whole video gives', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const { session, manifest } = await openSession('test-recurrent');
    const frames = await referenceFrames(clip, manifest);
    const all = new Float32Array(frames.length * frames[0]!.length);
    frames.forEach((frame, f) => all.set(frame, f * frame.length));
    const outputs = await run(session, { rgb: { data: all, dims: [1, FRAMES, 3, 32, 32] }, h0: { data: new Float32Array(16), dims: [1, 1, 16] }, c0: { data: new Float32Array(16), dims: [1, 1, 16] } });
    const expected = rowsOf(outputs.logits!, 11).map(softmax);

    const job = await analyse(core, video.id, 'test-recurrent'); // 16-frame chunks: 16 + 16 + 16 + 12
    expect(job.state).toBe('completed');
    expect(maxDifference(storedRows(core, job.runId!), expected)).toBeLessThan(STORED_PRECISION);
    expect(core.analysis.run(job.runId!).alignment).toBe('causal;chunk=16;state-carried');
  });

  it('clip: each frame the mean of the centred windows covering it, the last frames from an end-aligned window', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const { session, manifest } = await openSession('test-clip'); // 8 frames, interval 2: span 15; short side 40 → crop
    const frames = await referenceFrames(clip, manifest);
    const span = 15;
    const starts = [...Array.from({ length: Math.floor((FRAMES - span) / 4) + 1 }, (_, i) => i * 4), FRAMES - span]; // 0, 4, …, 44, then 45
    const predictions = new Map<number, number[]>();
    for (const start of starts) {
      const input = new Float32Array(3 * 8 * 32 * 32);
      for (let t = 0; t < 8; t++) for (let c = 0; c < 3; c++) input.set(frames[start + 2 * t]!.subarray(c * 1024, (c + 1) * 1024), (c * 8 + t) * 1024);
      predictions.set(start, softmax((await run(session, { rgb: { data: input, dims: [1, 3, 8, 32, 32] } })).logits!));
    }
    const expected = frames.map((_, f) => {
      const covering = starts.filter((s) => s <= f && f < s + span).map((s) => predictions.get(s)!);
      return covering[0]!.map((_, c) => covering.reduce((sum, p) => sum + p[c]!, 0) / covering.length);
    });

    const job = await analyse(core, video.id, 'test-clip');
    expect(job.state).toBe('completed');
    expect(maxDifference(storedRows(core, job.runId!), expected)).toBeLessThan(STORED_PRECISION);
    expect(core.analysis.run(job.runId!).alignment).toContain('centred-window-mean;family=clip;length=8;interval=2;stride=4;span=15');
  });

  it('clip: a video shorter than one window is labelled from one window that repeats its last frame', async () => {
    const core = testCore.open();
    const short = await makeClip({ dir: tmpDir('labelling'), name: 'short.mp4', seconds: 0.4, fps: '25', width: 64, height: 48 }); // 10 frames
    const video = await addVideo(core, short);
    const { session, manifest } = await openSession('test-clip');
    const frames = await referenceFrames(short, manifest);
    const input = new Float32Array(3 * 8 * 1024);
    for (let t = 0; t < 8; t++) for (let c = 0; c < 3; c++) input.set(frames[Math.min(2 * t, 9)]!.subarray(c * 1024, (c + 1) * 1024), (c * 8 + t) * 1024);
    const only = softmax((await run(session, { rgb: { data: input, dims: [1, 3, 8, 32, 32] } })).logits!);

    const job = await analyse(core, video.id, 'test-clip');
    expect(job).toMatchObject({ state: 'completed', framesDone: 10 });
    expect(maxDifference(storedRows(core, job.runId!), frames.map(() => only))).toBeLessThan(STORED_PRECISION);
  });
});

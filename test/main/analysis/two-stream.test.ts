/**
 * Two-stream models: RGB of each window's centre frame plus the stacked flow of its consecutive
 * pairs. First with a simple flow whose every value is known, then with the real Farneback flow
 * of src/workers/flow, each against rows computed here window by window.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowComputer } from '../../../src/main/core/analysis/index.js';
import { decodeFrames } from '../../../src/main/core/media/index.js';
import { createFlowComputer } from '../../../src/workers/flow/farneback.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, useTestCore } from './core.js';
import { maxDifference, openSession, referenceFrames, rowsOf, run, softmax } from './reference.js';

const FRAMES = 60;
const SIZE = 32 * 32;
let clip: string;
let rgbFrames: Uint8Array[];
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('two-stream'), name: 'two.mp4', seconds: FRAMES / 25, fps: '25', width: 64, height: 48 });
  rgbFrames = [];
  for await (const frame of decodeFrames(clip, { width: 32, height: 32 })) rgbFrames.push(frame.data);
});

/** Planar x = red change, y = green level, in [-1, 1]: not optical flow, but every value of it is known. */
function colourFlow(previous: Uint8Array, next: Uint8Array): Float32Array {
  const flow = new Float32Array(2 * SIZE);
  for (let i = 0; i < SIZE; i++) {
    flow[i] = (next[3 * i]! - previous[3 * i]!) / 255;
    flow[SIZE + i] = previous[3 * i + 1]! / 255;
  }
  return flow;
}

const colourFlowComputer = async (): Promise<FlowComputer> => ({ compute: async (previous, next) => colourFlow(previous, next), close: async () => undefined });

/** Expected rows: each window run here on its centre frame and its two pairs' flow; frames take the mean of the windows covering them. */
async function expectedRows(flowOf: (previous: Uint8Array, next: Uint8Array) => Float32Array): Promise<number[][]> {
  const { session, manifest } = await openSession('test-two-stream'); // 3 frames per window, 2 pairs
  const frames = await referenceFrames(clip, manifest);
  // Span 3 < stride 4, so each window is credited to 4 frames: [s, s + 4). The last frames also get the end-aligned window 57.
  const starts = [...Array.from({ length: 15 }, (_, i) => 4 * i), 57];
  const predictions = new Map<number, number[]>();
  for (const start of starts) {
    const flow = new Float32Array(4 * SIZE);
    for (let k = 0; k < 2; k++) flow.set(flowOf(rgbFrames[start + k]!, rgbFrames[start + k + 1]!), 2 * k * SIZE);
    const outputs = await run(session, { rgb: { data: frames[start + 1]!, dims: [1, 3, 32, 32] }, flow: { data: flow, dims: [1, 4, 32, 32] } });
    predictions.set(start, softmax(outputs.logits!));
  }
  return frames.map((_, f) => {
    const covering = starts.filter((s) => s <= f && f < s + 4).map((s) => predictions.get(s)!);
    return covering[0]!.map((_, c) => covering.reduce((sum, p) => sum + p[c]!, 0) / covering.length);
  });
}

const testCore = useTestCore();

describe('two-stream', () => {
  it('feeds each window its centre frame and the flow of its pairs; frames get the mean of the windows covering them', async () => {
    const core = testCore.open({ analysis: { threads: { intraOp: 1 }, openFlow: colourFlowComputer } });
    const video = await addVideo(core, clip);
    const expected = await expectedRows(colourFlow);
    const job = await analyse(core, video.id, 'test-two-stream');
    expect(job.state).toBe('completed');
    const stored = core.store.predictions.readRange(job.runId!, 0, FRAMES);
    expect(maxDifference(rowsOf(stored.probs, 11), expected)).toBeLessThan(5e-5);
    expect(core.analysis.run(job.runId!).alignment).toContain('family=two-stream;length=3;interval=1;stride=4;span=3;coverage=4');
  });

  it('with the real Farneback flow (OpenCV.js, src/workers/flow), end to end', async () => {
    const core = testCore.open(); // the default flow
    const video = await addVideo(core, clip);
    const farneback = await createFlowComputer((await core.models.get('test-two-stream')).manifest.flow);
    const expected = await expectedRows((previous, next) => farneback.flow(previous, next, 32, 32));
    farneback.dispose();
    const job = await analyse(core, video.id, 'test-two-stream');
    expect(job.state).toBe('completed');
    expect(core.analysis.run(job.runId!).timings).toHaveProperty('flowWait');
    const stored = core.store.predictions.readRange(job.runId!, 0, FRAMES);
    expect(maxDifference(rowsOf(stored.probs, 11), expected)).toBeLessThan(5e-5);
  });

  it('an engine started without flow fails a two-stream job saying so, and leaves nothing running', async () => {
    const core = testCore.open({ analysis: { threads: { intraOp: 1 }, openFlow: null } });
    const video = await addVideo(core, clip);
    const job = await analyse(core, video.id, 'test-two-stream');
    expect(job.state).toBe('failed');
    expect(job.error!.message).toMatch(/two-stream and needs optical flow/);
  });
});

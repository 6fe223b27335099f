import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlowComputer, DEFAULT_FLOW, type FlowComputer, type FlowParams } from '../../../src/workers/flow/index.js';
import { texturedFrame } from './frames.js';

const W = DEFAULT_FLOW.width;
const H = DEFAULT_FLOW.height;

/** Mean of a plane over the central region, away from the borders where Farneback extrapolates. */
function centreMean(flow: Float32Array, plane: 0 | 1): number {
  let sum = 0;
  let count = 0;
  for (let y = 32; y < H - 32; y++) {
    for (let x = 32; x < W - 32; x++) {
      sum += flow[plane * W * H + y * W + x]!;
      count++;
    }
  }
  return sum / count;
}

describe('Farneback flow (OpenCV.js)', () => {
  let computer: FlowComputer;
  const listenerCounts = () => [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
  let countsBeforeLoading: number[];
  beforeAll(async () => {
    countsBeforeLoading = listenerCounts();
    computer = await createFlowComputer(DEFAULT_FLOW);
  });
  afterAll(() => computer.dispose());

  it('converts RGB to grey exactly as OpenCV does: (4899 R + 9617 G + 1868 B + 8192) >> 14', () => {
    const rgb = new Uint8Array(W * H * 3).map((_, i) => (i * 2654435761) >>> 24);
    const grey = computer.grey(rgb, W, H);
    const expected = new Uint8Array(W * H).map((_, p) => (4899 * rgb[3 * p]! + 9617 * rgb[3 * p + 1]! + 1868 * rgb[3 * p + 2]! + 8192) >> 14);
    expect(grey).toEqual(expected);
  });

  it('measures a known translation: planar x then y, in pixels / bound', () => {
    const flow = computer.flow(texturedFrame(W, H, 0, 0), texturedFrame(W, H, 2, -1), W, H);
    expect(flow).toHaveLength(2 * W * H);
    expect(centreMean(flow, 0) * DEFAULT_FLOW.bound).toBeCloseTo(2, 1);
    expect(centreMean(flow, 1) * DEFAULT_FLOW.bound).toBeCloseTo(-1, 1);
  });

  it('gives zero flow between identical frames, away from the border', () => {
    // (OpenCV's own border handling leaves up to 0.1 px in the outermost rows, in Python too.)
    const frame = texturedFrame(W, H, 0, 0);
    const flow = computer.flow(frame, frame, W, H);
    let largest = 0;
    for (let y = 8; y < H - 8; y++) {
      for (let x = 8; x < W - 8; x++) largest = Math.max(largest, Math.abs(flow[y * W + x]!), Math.abs(flow[W * H + y * W + x]!));
    }
    expect(largest * DEFAULT_FLOW.bound).toBeLessThan(1e-3);
  });

  it('clips to ±bound and divides by it', async () => {
    const tight = await createFlowComputer({ ...DEFAULT_FLOW, bound: 1 });
    try {
      const flow = tight.flow(texturedFrame(W, H, 0, 0), texturedFrame(W, H, 3, 0), W, H);
      expect(Math.max(...flow)).toBe(1);
      expect(Math.min(...flow)).toBeGreaterThanOrEqual(-1);
      expect(centreMean(flow, 0)).toBeGreaterThan(0.95); // a 3 px motion, clipped to 1 px, is 1
    } finally {
      tight.dispose();
    }
  });

  it('refuses frames of another size or length, naming the fix', () => {
    const frame = texturedFrame(W, H, 0, 0);
    expect(() => computer.flow(frame, frame, 64, 64)).toThrow(/decode them at the flow size/);
    expect(() => computer.flow(frame, frame.subarray(3), W, H)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'frames' }));
  });

  it('refuses missing or impossible parameters', async () => {
    await expect(createFlowComputer(undefined)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const bad = (params: Partial<FlowParams['params']>, extra: Partial<FlowParams> = {}) =>
      createFlowComputer({ ...DEFAULT_FLOW, ...extra, params: { ...DEFAULT_FLOW.params, ...params } });
    await expect(bad({ pyrScale: 1 })).rejects.toMatchObject({ field: 'flow.params.pyrScale' });
    await expect(bad({ winsize: 0 })).rejects.toMatchObject({ field: 'flow.params.winsize' });
    await expect(bad({}, { bound: 0 })).rejects.toMatchObject({ field: 'flow.bound' });
  });

  it('cannot be used after dispose', async () => {
    const once = await createFlowComputer(DEFAULT_FLOW);
    once.dispose();
    once.dispose(); // twice is harmless
    const frame = texturedFrame(W, H, 0, 0);
    expect(() => once.flow(frame, frame, W, H)).toThrow(/disposed/);
  });

  it('leaves no process-wide error listeners behind (Emscripten adds them on load)', () => {
    expect(listenerCounts()).toEqual(countsBeforeLoading);
  });
});

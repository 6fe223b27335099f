import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlowComputer, DEFAULT_FLOW, FlowWorker } from '../../../src/workers/flow/index.js';
import { texturedFrame } from './frames.js';

const W = DEFAULT_FLOW.width;
const H = DEFAULT_FLOW.height;
const frames = [0, 1, 3, 4].map((dx) => texturedFrame(W, H, dx, dx / 2));

describe('FlowWorker (worker thread)', () => {
  let worker: FlowWorker;
  beforeAll(async () => {
    worker = await FlowWorker.start(DEFAULT_FLOW);
  });
  afterAll(() => worker.close());

  it('stacks the flow of consecutive pairs, identical to computing them in this thread', async () => {
    const stacked = await worker.flows(frames, W, H);
    expect(stacked).toHaveLength(3 * 2 * W * H);
    const local = await createFlowComputer(DEFAULT_FLOW);
    try {
      for (let pair = 0; pair < 3; pair++) {
        const expected = local.flow(frames[pair]!, frames[pair + 1]!, W, H);
        expect(stacked.subarray(pair * 2 * W * H, (pair + 1) * 2 * W * H)).toEqual(expected);
      }
    } finally {
      local.dispose();
    }
  });

  it('answers concurrent requests each with its own result', async () => {
    const [a, b] = await Promise.all([worker.flows(frames.slice(0, 2), W, H), worker.flows(frames.slice(2, 4), W, H)]);
    const all = await worker.flows(frames, W, H);
    expect(a).toEqual(all.subarray(0, 2 * W * H));
    expect(b).toEqual(all.subarray(4 * W * H));
  });

  it('returns errors as AppErrors with their code, and keeps working afterwards', async () => {
    await expect(worker.flows(frames, 64, 64)).rejects.toMatchObject({ name: 'AppError', code: 'INVALID_ARGUMENT', field: 'width' });
    await expect(worker.flows(frames.slice(0, 1), W, H)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'frames' });
    expect(await worker.flows(frames.slice(0, 2), W, H)).toHaveLength(2 * W * H);
  });

  it('fails to start with impossible parameters, and refuses work once closed', async () => {
    await expect(FlowWorker.start({ ...DEFAULT_FLOW, bound: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'flow.bound' });
    const closing = await FlowWorker.start(DEFAULT_FLOW);
    const pending = expect(closing.flows(frames, W, H)).rejects.toMatchObject({ code: 'CANCELLED' });
    await closing.close();
    await pending;
    await expect(closing.flows(frames, W, H)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

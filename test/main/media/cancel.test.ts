import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrames, mediaJobs, probeVideo, type FrameStream } from '../../../src/main/core/media/index.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { mediaChildProcesses } from '../../helpers/processes.js';

let clip: string;

beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('cancel'), name: 'long.mp4', seconds: 3, fps: '30', width: 320, height: 240 });
});

afterEach(() => {
  expect(mediaJobs.running()).toEqual([]);
  expect(mediaChildProcesses()).toEqual([]);
});

type Step = void | 'stop';

/** Iterates, calling `onFrame` after each frame; resolves with the count, or rejects as the iterator does. */
async function consume(stream: FrameStream, onFrame: (count: number) => Step | Promise<Step>): Promise<number> {
  let count = 0;
  for await (const _frame of stream) {
    count += 1;
    if ((await onFrame(count)) === 'stop') break;
  }
  return count;
}

describe('stopping a decode', () => {
  it('cancel() mid-decode throws CANCELLED and kills ffmpeg', async () => {
    const stream = decodeFrames(clip, { width: 64, height: 64 });
    let seenRunning = 0;
    const result = consume(stream, (count) => {
      if (count === 5) {
        seenRunning = mediaChildProcesses().length; // the /proc check does see ffmpeg while it runs
        stream.cancel();
      }
    });
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED', file: clip });
    await expect(stream.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seenRunning).toBe(1);
  });

  it('an aborted signal mid-decode throws CANCELLED', async () => {
    const controller = new AbortController();
    const stream = decodeFrames(clip, { width: 64, height: 64, signal: controller.signal });
    await expect(consume(stream, (count) => (count === 3 ? controller.abort() : undefined))).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('kills ffmpeg on abort even while the consumer is not reading', async () => {
    const controller = new AbortController();
    const stream = decodeFrames(clip, { width: 64, height: 64, signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    for (let waited = 0; mediaJobs.running().length > 0 && waited < 2_000; waited += 20) await sleep(20);
    expect(mediaJobs.running()).toEqual([]);
    await expect(iterator.next()).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('a consumer break ends quietly and stops ffmpeg', async () => {
    const stream = decodeFrames(clip, { width: 64, height: 64 });
    expect(await consume(stream, (count) => (count === 4 ? 'stop' : undefined))).toBe(4);
    expect(await stream.done).toMatchObject({ frames: 4, endedBy: 'consumer' });
  });

  it('cancelling before iteration (or with an aborted signal) never starts ffmpeg', async () => {
    const stream = decodeFrames(clip, { width: 8, height: 8 });
    stream.cancel();
    await expect(stream.done).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(consume(stream, () => undefined)).rejects.toMatchObject({ code: 'CANCELLED' });
    const aborted = decodeFrames(clip, { width: 8, height: 8, signal: AbortSignal.abort() });
    await expect(consume(aborted, () => undefined)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('probeVideo honours an abort signal', async () => {
    await expect(probeVideo(clip, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('backpressure', () => {
  it('a slow consumer makes ffmpeg wait: only a few frames are ever buffered', async () => {
    // 640x480 RGB is 0.9 MB a frame and the clip has 90: without backpressure ffmpeg would push
    // all of them (80+ MB) into this process within the half second the consumer sleeps.
    const frameBytes = 640 * 480 * 3;
    const stream = decodeFrames(clip, { width: 640, height: 480 });
    const rssBefore = process.memoryUsage().rss;
    let maxBacklog = 0;
    let maxRssGrowth = 0;
    const frames = await consume(stream, async (count) => {
      if (count > 10) return 'stop';
      await sleep(50);
      maxBacklog = Math.max(maxBacklog, stream.backlog());
      maxRssGrowth = Math.max(maxRssGrowth, process.memoryUsage().rss - rssBefore);
    });
    expect(frames).toBe(11);
    expect(maxBacklog).toBeLessThanOrEqual(4);
    // Consumed frames and their read chunks are garbage not yet collected (~2 frames' worth each).
    expect(maxRssGrowth).toBeLessThan(30 * frameBytes);
  });
});

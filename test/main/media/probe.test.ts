import { statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../../../src/main/core/media/index.js';
import { clipFrameCount, countFramesWithFfprobe, makeClip, tmpDir, type ClipSpec } from '../../helpers/clips.js';

const CFR_CASES = [
  { fps: '25', container: 'mp4', rate: { num: 25, den: 1 } },
  { fps: '30', container: 'mp4', rate: { num: 30, den: 1 } },
  { fps: '30000/1001', container: 'mp4', rate: { num: 30000, den: 1001 } },
] as const;

describe('probeVideo on generated clips', () => {
  let dir: string;
  const clip = (spec: Omit<ClipSpec, 'dir'>): Promise<string> => makeClip({ dir, ...spec });

  beforeAll(() => {
    dir = tmpDir('probe');
  });

  it('reads an MPEG-TS recording, even where the packaged static ffprobe crashes on MPEG-TS (then ffprobe on PATH is used)', async () => {
    const file = await clip({ name: 'camera.ts', seconds: 2, fps: '25', width: 160, height: 120 });
    const probe = await probeVideo(file);
    expect(probe.container).toContain('mpegts');
    expect(probe.video).toMatchObject({ codec: 'h264', width: 160, height: 120 });
    expect(probe.video.frameCount).toBe(50);
  });

  it.each(CFR_CASES)('reads a $fps fps H.264 MP4', async ({ fps, rate }) => {
    const file = await clip({ name: `cfr-${fps.replace('/', '_')}.mp4`, seconds: 2, fps, width: 160, height: 120 });
    const probe = await probeVideo(file);
    expect(probe).toMatchObject({
      file,
      sizeBytes: statSync(file).size,
      container: expect.stringContaining('mp4'),
      audio: null,
      video: {
        codec: 'h264',
        pixelFormat: 'yuv420p',
        width: 160,
        height: 120,
        displayWidth: 160,
        displayHeight: 120,
        rotation: 0,
        rFrameRate: rate,
        avgFrameRate: rate,
        variableFrameRate: false,
        frameCount: clipFrameCount(2, fps),
        frameCountSource: 'container',
      },
    });
    expect(probe.video.fps).toBeCloseTo(rate.num / rate.den, 6);
    expect(probe.durationSec).toBeCloseTo(2, 1);
    expect(probe.bitRate).toBeGreaterThan(0);
    expect(probe.video.frameCount).toBe(await countFramesWithFfprobe(file));
  });

  it('counts packets where the container has no frame count (MKV), unless told not to', async () => {
    const file = await clip({ name: 'no-count.mkv', seconds: 2, fps: '30', width: 160, height: 120 });
    expect((await probeVideo(file)).video).toMatchObject({ frameCount: 60, frameCountSource: 'counted' });
    expect((await probeVideo(file, { countFrames: 'never' })).video).toMatchObject({ frameCount: 60, frameCountSource: 'estimate' });
  });

  it("counts packets even when the container has a count with countFrames 'always'", async () => {
    const file = await clip({ name: 'always.mp4', seconds: 1, fps: '25', width: 64, height: 48 });
    expect((await probeVideo(file, { countFrames: 'always' })).video).toMatchObject({ frameCount: 25, frameCountSource: 'counted' });
  });

  it('flags a variable-frame-rate clip (r_frame_rate ≠ avg_frame_rate)', async () => {
    const file = await clip({ name: 'vfr.mp4', seconds: 2, fps: '30', width: 160, height: 120, vfr: true });
    const { video, durationSec } = await probeVideo(file);
    expect(video.variableFrameRate).toBe(true);
    expect(video.rFrameRate).toEqual({ num: 30, den: 1 });
    expect(video.fps).toBeLessThan(25);
    expect(video.frameCount).toBe(60);
    expect(video.frameCount).toBe(await countFramesWithFfprobe(file));
    expect(durationSec).toBeGreaterThan(2.9); // second half stretched to twice the interval
  });

  it.each([90, 180, 270] as const)('reports rotation %i clockwise and the display size', async (rotate) => {
    const file = await clip({ name: `rot${rotate}.mp4`, seconds: 0.2, fps: '25', width: 160, height: 96, rotate });
    const { video } = await probeVideo(file);
    const turned = rotate !== 180;
    expect(video).toMatchObject({
      rotation: rotate,
      width: 160,
      height: 96,
      displayWidth: turned ? 96 : 160,
      displayHeight: turned ? 160 : 96,
    });
  });

  it('reads an odd frame size (341x257)', async () => {
    const file = await clip({ name: 'odd.mp4', seconds: 1, fps: '25', width: 341, height: 257 });
    expect((await probeVideo(file)).video).toMatchObject({ width: 341, height: 257, frameCount: 25 });
  });

  it('reads an MPEG-4 Part 2 AVI with MP3 audio', async () => {
    const file = await clip({ name: 'camera.avi', seconds: 1, fps: '25', width: 160, height: 120, codec: 'mpeg4', audio: true });
    const probe = await probeVideo(file);
    expect(probe.container).toBe('avi');
    expect(probe.video).toMatchObject({ codec: 'mpeg4', width: 160, height: 120, frameCountSource: 'container' });
    expect(probe.audio).toEqual({ codec: 'mp3', sampleRate: 44100, channels: 1 });
    // The AVI index can list a trailing zero-size "drop" chunk that no decoder returns as a frame
    // (here 26 entries for 25 frames); counting packets gives the decodable figure.
    expect(probe.video.frameCount - 25).toBeGreaterThanOrEqual(0);
    expect(probe.video.frameCount - 25).toBeLessThanOrEqual(1);
    const counted = await probeVideo(file, { countFrames: 'always' });
    expect(counted.video).toMatchObject({ frameCount: 25, frameCountSource: 'counted' });
    expect(counted.video.frameCount).toBe(await countFramesWithFfprobe(file));
  });

  it('reads AAC audio in MP4 and returns an absolute path for a relative one', async () => {
    const file = await clip({ name: 'with-audio.mp4', seconds: 1, fps: '25', width: 64, height: 48, audio: true });
    const probe = await probeVideo(path.relative(process.cwd(), file));
    expect(probe.file).toBe(file);
    expect(probe.audio).toEqual({ codec: 'aac', sampleRate: 44100, channels: 1 });
  });
});

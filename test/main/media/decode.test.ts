import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFrames, mediaJobs, probeVideo, type DecodeProgress } from '../../../src/main/core/media/index.js';
import { clipFrameCount, countFramesWithFfprobe, framePtsWithFfprobe, makeClip, tmpDir, type ClipSpec } from '../../helpers/clips.js';
import { centroid, collectFrames, isRed, isWhite } from '../../helpers/frames.js';
import { mediaChildProcesses } from '../../helpers/processes.js';

let dir: string;
const clip = (spec: Omit<ClipSpec, 'dir'>): Promise<string> => makeClip({ dir, ...spec });

beforeAll(() => {
  dir = tmpDir('decode');
});

describe('decodeFrames: every frame, in order', () => {
  const cases: (Omit<ClipSpec, 'dir'> & { label: string })[] = [
    { label: 'H.264 MP4 25 fps', name: 'all-25.mp4', seconds: 2, fps: '25', width: 160, height: 120 },
    { label: 'H.264 MKV 30 fps', name: 'all-30.mkv', seconds: 2, fps: '30', width: 160, height: 120 },
    { label: 'H.264 MP4 30000/1001 fps', name: 'all-ntsc.mp4', seconds: 2, fps: '30000/1001', width: 160, height: 120 },
    { label: 'MPEG-4 AVI + MP3 25 fps', name: 'all-25.avi', seconds: 1, fps: '25', width: 160, height: 120, codec: 'mpeg4', audio: true },
    { label: 'H.264 MP4 341x257', name: 'all-odd.mp4', seconds: 1, fps: '25', width: 341, height: 257 },
  ];

  it.each(cases)('$label', async ({ label: _label, ...spec }) => {
    const file = await clip(spec);
    const stream = decodeFrames(file, { width: 32, height: 24 });
    const frames = await collectFrames(stream);
    const expected = await countFramesWithFfprobe(file);
    expect(expected).toBe(clipFrameCount(spec.seconds, spec.fps));
    expect(frames).toHaveLength(expected);
    expect(frames.map((f) => f.index)).toEqual([...Array(expected).keys()]);
    const ffprobePts = await framePtsWithFfprobe(file);
    for (const [i, frame] of frames.entries()) {
      expect(frame).toMatchObject({ width: 32, height: 24, bytes: 32 * 24 * 3 });
      expect(Math.abs(frame.pts - ffprobePts[i]!)).toBeLessThan(1e-5);
      if (i > 0) expect(frame.pts).toBeGreaterThan(frames[i - 1]!.pts);
    }
    expect(await stream.done).toMatchObject({ frames: expected, lastIndex: expected - 1, endedBy: 'end', exitCode: 0 });
  });

  it('decodes an odd size at its native size', async () => {
    const file = await clip({ name: 'odd-native.mp4', seconds: 0.4, fps: '25', width: 341, height: 257 });
    const frames = await collectFrames(decodeFrames(file, { width: 341, height: 257 }));
    expect(frames).toHaveLength(10);
    expect(frames.every((f) => f.bytes === 341 * 257 * 3)).toBe(true);
  });

  it('keeps the uneven timestamps of a variable-frame-rate clip, one output frame per source frame', async () => {
    const file = await clip({ name: 'vfr.mp4', seconds: 2, fps: '30', width: 160, height: 120, vfr: true });
    const frames = await collectFrames(decodeFrames(file, { width: 32, height: 24 }));
    expect(frames).toHaveLength(await countFramesWithFfprobe(file));
    const gaps = frames.slice(1).map((f, i) => f.pts - frames[i]!.pts);
    expect(Math.min(...gaps)).toBeGreaterThan(0); // strictly increasing
    expect(gaps[0]).toBeCloseTo(1 / 30, 3);
    expect(gaps.at(-1)).toBeCloseTo(2 / 30, 2);
    expect(frames.map((f) => f.index)).toEqual([...Array(frames.length).keys()]);
  });
});

describe('decodeFrames: choosing frames', () => {
  let cfr25: string;
  let ntsc: string;

  beforeAll(async () => {
    cfr25 = await clip({ name: 'pick-25.mp4', seconds: 2, fps: '25', width: 96, height: 64 });
    ntsc = await clip({ name: 'pick-ntsc.mp4', seconds: 2, fps: '30000/1001', width: 96, height: 64 });
  });

  it('stride keeps every Nth frame with its source index and pts', async () => {
    const frames = await collectFrames(decodeFrames(cfr25, { width: 16, height: 16, stride: 3 }));
    expect(frames.map((f) => f.index)).toEqual([...Array(17).keys()].map((k) => k * 3));
    for (const frame of frames) expect(frame.pts).toBeCloseTo(frame.index / 25, 6);
  });

  it.each([
    { name: '25 fps', fps: 25, targetFps: 10 },
    { name: '29.97 fps', fps: 30000 / 1001, targetFps: 7.5 },
  ])('targetFps keeps the first frame at or after each step ($name → $targetFps)', async ({ fps, targetFps }) => {
    const file = fps === 25 ? cfr25 : ntsc;
    const frames = await collectFrames(decodeFrames(file, { width: 16, height: 16, targetFps }));
    const total = await countFramesWithFfprobe(file);
    const expected: number[] = [];
    for (let step = 0; ; step += 1) {
      const index = Math.max(0, Math.ceil((step / targetFps) * fps - 1e-9));
      if (index >= total) break;
      if (expected.at(-1) !== index) expected.push(index);
    }
    expect(frames.map((f) => f.index)).toEqual(expected);
  });

  it('startTime seeks, numbering frames from the start of the file', async () => {
    const frames = await collectFrames(decodeFrames(cfr25, { width: 16, height: 16, startTime: 1 }));
    expect(frames.map((f) => f.index)).toEqual([...Array(25).keys()].map((k) => 25 + k));
    expect(frames[0]!.pts).toBeCloseTo(1, 6);
    const strided = await collectFrames(decodeFrames(cfr25, { width: 16, height: 16, startTime: 0.5, stride: 2 }));
    expect(strided[0]).toMatchObject({ index: 13 }); // first frame at or after 0.5 s is 13 (0.52 s)
    expect(strided.map((f) => f.index)).toEqual([...Array(19).keys()].map((k) => 13 + 2 * k));
  });

  it('maxFrames stops early and leaves no process behind', async () => {
    const stream = decodeFrames(ntsc, { width: 16, height: 16, maxFrames: 5, targetFps: 10 });
    expect((await collectFrames(stream)).map((f) => f.index)).toEqual([0, 3, 6, 9, 12]);
    expect(await stream.done).toMatchObject({ frames: 5, endedBy: 'maxFrames' });
    expect(mediaJobs.running()).toEqual([]);
    expect(mediaChildProcesses()).toEqual([]);
  });

  it('reports progress up to the whole range', async () => {
    const progress: DecodeProgress[] = [];
    await collectFrames(decodeFrames(cfr25, { width: 16, height: 16, onProgress: (p) => progress.push(p) }));
    expect(progress).toHaveLength(50);
    expect(progress.map((p) => p.framesDone)).toEqual([...Array(50).keys()].map((k) => k + 1));
    expect(progress.at(-1)).toMatchObject({ ptsSec: 1.96, durationSec: 2 });
    expect(progress.at(-1)!.fraction).toBeGreaterThan(0.97);
  });

  it("hwaccel 'auto' decodes the same frames (hardware or software fallback)", async () => {
    const notices: string[] = [];
    const stream = decodeFrames(cfr25, { width: 16, height: 16, hwaccel: 'auto', onNotice: (n) => notices.push(n) });
    expect(await collectFrames(stream)).toHaveLength(50);
    expect(notices.every((n) => n.includes('software'))).toBe(true);
  });

  it('reuses a probe given by the caller', async () => {
    const probe = await probeVideo(cfr25);
    const stream = decodeFrames(cfr25, { width: 16, height: 16, maxFrames: 2, probe });
    expect(await collectFrames(stream)).toHaveLength(2);
    expect((await stream.done).probe).toBe(probe);
  });
});

describe('decodeFrames: pixels', () => {
  it('writes RGB in R, G, B order', async () => {
    for (const [color, rgb] of [['red', [255, 0, 0]], ['blue', [0, 0, 255]]] as const) {
      const file = await clip({ name: `${color}.mp4`, seconds: 0.2, fps: '25', width: 64, height: 48, source: `color=c=${color}` });
      const [frame] = await collectFrames(decodeFrames(file, { width: 8, height: 8, maxFrames: 1 }), true);
      for (let i = 0; i < frame!.data!.length; i += 3) {
        for (let c = 0; c < 3; c += 1) expect(Math.abs(frame!.data![i + c]! - rgb[c]!)).toBeLessThan(40);
      }
    }
  });

  it.each([
    { rotate: 90, corner: 'top-right' },
    { rotate: 270, corner: 'bottom-left' },
    { rotate: 180, corner: 'bottom-right' },
  ] as const)('applies rotation $rotate clockwise (red top-left mark ends $corner)', async ({ rotate, corner }) => {
    const filter = 'drawbox=x=0:y=0:w=8:h=8:color=red:t=fill';
    const file = await clip({ name: `mark-${rotate}.mp4`, seconds: 0.2, fps: '25', width: 64, height: 32, source: 'color=c=black', filter, rotate });
    const { video } = await probeVideo(file);
    expect(video.rotation).toBe(rotate);
    const { displayWidth: width, displayHeight: height } = video;
    const [frame] = await collectFrames(decodeFrames(file, { width, height, maxFrames: 1 }), true);
    const mark = centroid(frame!.data!, width, isRed);
    expect(mark.count).toBeGreaterThan(30);
    expect(mark.x < width / 2 ? 'left' : 'right').toBe(corner.split('-')[1]);
    expect(mark.y < height / 2 ? 'top' : 'bottom').toBe(corner.split('-')[0]);
  });

  it("'cover' keeps the aspect ratio and centre-crops; 'stretch' squeezes", async () => {
    // 200x100 black with a white band over the left quarter.
    const filter = 'drawbox=x=0:y=0:w=50:h=100:color=white:t=fill';
    const file = await clip({ name: 'band.mp4', seconds: 0.2, fps: '25', width: 200, height: 100, source: 'color=c=black', filter });
    const decode = (resize: 'cover' | 'stretch') => collectFrames(decodeFrames(file, { width: 50, height: 50, resize, maxFrames: 1 }), true);
    const [stretched] = await decode('stretch');
    const [covered] = await decode('cover');
    expect(centroid(stretched!.data!, 50, isWhite).x).toBeLessThan(8); // band squeezed to x < 12.5
    expect(centroid(covered!.data!, 50, isWhite).count).toBe(0); // band cropped away (cover spans x 50..150)
  });

  it('passes the interpolation to the scaler', async () => {
    const file = await clip({ name: 'interp.mp4', seconds: 0.2, fps: '25', width: 160, height: 120 });
    const first = async (interpolation: 'bilinear' | 'bicubic' | 'area') =>
      (await collectFrames(decodeFrames(file, { width: 40, height: 30, interpolation, maxFrames: 1 }), true))[0]!.data!;
    const [bilinear, bicubic, area] = await Promise.all([first('bilinear'), first('bicubic'), first('area')]);
    expect(bilinear.equals(bicubic)).toBe(false);
    expect(bilinear.equals(area)).toBe(false);
  });
});

describe('decodeFrames: paths', () => {
  it('works with spaces and non-ASCII characters in the path', async () => {
    const file = await makeClip({ dir: path.join(dir, 'dir with spaces'), name: 'vidéo 日本.mp4', seconds: 1, fps: '25', width: 64, height: 48 });
    expect((await probeVideo(file)).video.frameCount).toBe(25);
    expect(await collectFrames(decodeFrames(file, { width: 16, height: 16 }))).toHaveLength(25);
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProxyProgress } from '../../../src/shared/library.js';
import type { VideoProbe } from '../../../src/shared/media.js';
import { probeVideo, resolveBinaries } from '../../../src/main/core/media/index.js';
import { playbackPlan } from '../../../src/main/core/media/playback-plan.js';
import { ProxyMaker, proxyFile } from '../../../src/main/core/media/proxy.js';
import { framePtsWithFfprobe, makeClip, tmpDir } from '../../helpers/clips.js';

const run = promisify(execFile);

function probeOf(container: string, codec: string, pixelFormat: string | null = 'yuv420p', audio: string | null = null): VideoProbe {
  const video = { codec, pixelFormat } as VideoProbe['video'];
  return { container, video, audio: audio === null ? null : { codec: audio, sampleRate: 48000, channels: 2 } } as VideoProbe;
}

/** One md5 per decoded video frame: equal lists mean the pictures are bit-identical. */
async function decodedFrameHashes(file: string): Promise<string[]> {
  const { stdout } = await run(resolveBinaries().ffmpeg.path, ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-'], { maxBuffer: 64 << 20 });
  return stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(',').at(-1)!.trim());
}

async function streamCodecs(file: string): Promise<string[]> {
  const { stdout } = await run(resolveBinaries().ffprobe.path, ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]);
  return stdout.trim().split('\n');
}

const relative = (times: number[]) => times.map((t) => Math.round((t - times[0]!) * 1e4));

describe('playback plan', () => {
  it('plays MP4/WebM as they are, remuxes decodable streams in other containers, re-encodes only other codecs', () => {
    expect(playbackPlan(probeOf('mov,mp4,m4a,3gp,3g2,mj2', 'h264')).kind).toBe('original');
    expect(playbackPlan(probeOf('matroska,webm', 'vp9')).kind).toBe('original');
    expect(playbackPlan(probeOf('mpegts', 'h264', 'yuv420p', 'aac'))).toMatchObject({ kind: 'remux', copyAudio: true });
    expect(playbackPlan(probeOf('matroska,webm', 'h264'))).toMatchObject({ kind: 'remux', copyAudio: false });
    expect(playbackPlan(probeOf('avi', 'h264', 'yuv420p', 'pcm_s16le'))).toMatchObject({ kind: 'remux', copyAudio: false });
    expect(playbackPlan(probeOf('avi', 'mpeg4'))).toMatchObject({ kind: 'transcode', reason: expect.stringContaining('mpeg4') });
    expect(playbackPlan(probeOf('matroska,webm', 'hevc'))).toMatchObject({ kind: 'transcode', reason: expect.stringContaining('hevc') });
    expect(playbackPlan(probeOf('mpegts', 'h264', 'yuv422p'))).toMatchObject({ kind: 'transcode', reason: expect.stringContaining('yuv422p') });
  });
});

describe('ProxyMaker remuxes what Chromium can decode (real ffmpeg)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir('remux');
  });

  async function makeProxy(file: string): Promise<{ proxy: string; events: ProxyProgress[]; ms: number }> {
    const probe = await probeVideo(file);
    const events: ProxyProgress[] = [];
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const maker = new ProxyMaker(dir, (p) => {
      events.push(p);
      if (p.state !== 'running') finish();
    }, 0);
    const video = { id: 1, path: file, fingerprint: path.basename(file), probe };
    const started = performance.now();
    const first = maker.playback(video);
    expect(first).toMatchObject({ kind: 'proxy', state: 'running', mode: 'remux', note: expect.stringContaining('no re-encoding') });
    await done;
    const ms = performance.now() - started;
    expect(events.at(-1)).toMatchObject({ state: 'ready' });
    expect(maker.playback(video)).toEqual({ kind: 'proxy', state: 'ready' });
    return { proxy: proxyFile(dir, video.fingerprint), events, ms };
  }

  it('copies H.264 + AAC from MPEG-TS (with B-frames) into MP4: same decoded frames, same timestamps', async () => {
    const ts = path.join(dir, 'camera.ts');
    await run(resolveBinaries().ffmpeg.path, [
      '-v', 'error', '-f', 'lavfi', '-t', '4', '-i', 'testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-t', '4', '-i', 'sine=frequency=440',
      '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'mpegts', '-y', ts,
    ]);
    const { proxy, ms } = await makeProxy(ts);
    console.log(`remux of a 4 s MPEG-TS: ${ms.toFixed(0)} ms`);
    expect(existsSync(proxy)).toBe(true);
    expect(await streamCodecs(proxy)).toEqual(['h264', 'aac']);
    const [original, copied] = [await decodedFrameHashes(ts), await decodedFrameHashes(proxy)];
    expect(original).toHaveLength(100);
    expect(copied).toEqual(original);
    expect(relative(await framePtsWithFfprobe(proxy))).toEqual(relative(await framePtsWithFfprobe(ts)));
  });

  it('copies H.264 from Matroska into MP4 frame for frame, moov first (faststart)', async () => {
    const mkv = await makeClip({ dir, name: 'door.mkv', seconds: 2, fps: '30', width: 160, height: 120 });
    const { proxy } = await makeProxy(mkv);
    expect(await streamCodecs(proxy)).toEqual(['h264']);
    expect(await decodedFrameHashes(proxy)).toEqual(await decodedFrameHashes(mkv));
    expect(relative(await framePtsWithFfprobe(proxy))).toEqual(relative(await framePtsWithFfprobe(mkv)));
    const trace = (await run(resolveBinaries().ffprobe.path, ['-v', 'trace', proxy], { maxBuffer: 16 << 20 })).stderr;
    expect(trace.indexOf("type:'moov'")).toBeGreaterThan(-1);
    expect(trace.indexOf("type:'moov'")).toBeLessThan(trace.indexOf("type:'mdat'"));
  });
});

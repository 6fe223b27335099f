import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyProgress } from '../../../src/shared/library.js';
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';
import { chromiumCanPlay, proxyFile } from '../../../src/main/core/media/proxy.js';
import { thumbnailFile } from '../../../src/main/core/media/thumbnails.js';
import { startWebHost, type WebHost } from '../../../src/main/web/server.js';
import { countFramesWithFfprobe, framePtsWithFfprobe, makeClip, tmpDir } from '../../helpers/clips.js';

describe('web host media routes: thumbnails and H.264 proxies', () => {
  let dir: string;
  let core: AppCore;
  let host: WebHost;
  let mp4Id: number;
  let aviId: number;
  let avi: string;
  const auth = () => ({ Authorization: `Bearer ${host.token}` });
  const call = async (name: string, body: unknown) => {
    const response = await fetch(`${host.origin}/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth() }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } } };
  };

  beforeAll(async () => {
    dir = tmpDir('media-routes');
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    const mp4 = await makeClip({ dir, name: 'clip.mp4', seconds: 2, fps: '25', width: 320, height: 240 });
    avi = await makeClip({ dir, name: 'camera.avi', seconds: 2, fps: '30', width: 160, height: 120, codec: 'mpeg4', container: 'avi' });
    core = openAppCore({ databaseFile: join(dir, 'media.db'), version: '0.0.0-test' });
    host = await startWebHost(core, { rendererDir: renderer });
    const report = await core.library.add([mp4, avi]);
    mp4Id = report.added.find((v) => v.path === mp4)!.id;
    aviId = report.added.find((v) => v.path === avi)!.id;
  });

  afterAll(async () => {
    await host?.close();
    await core?.close();
  });

  it('decides which files Chromium plays as they are', () => {
    const probes = core.library.list().map((v) => [v.fileName, chromiumCanPlay(v.probe)]);
    expect(Object.fromEntries(probes)).toEqual({ 'clip.mp4': true, 'camera.avi': false });
  });

  it('makes a thumbnail once with ffmpeg, caches it in the data folder and serves it as JPEG', async () => {
    const response = await fetch(`${host.origin}/media/thumb/${mp4Id}`, { headers: auth() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    const video = core.library.get(mp4Id)!;
    const cached = thumbnailFile(join(dir), video.fingerprint);
    expect(readFileSync(cached).equals(bytes)).toBe(true);
    const width = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width', '-of', 'csv=p=0', cached]).toString().trim();
    expect(width).toBe('192');
    const made = statSync(cached).mtimeMs;
    await fetch(`${host.origin}/media/thumb/${mp4Id}`, { headers: auth() });
    expect(statSync(cached).mtimeMs).toBe(made); // served from the cache
  });

  it('plays an H.264 MP4 as it is', async () => {
    expect(await call('media.playback', { videoId: mp4Id })).toEqual({ status: 200, body: { ok: true, value: { kind: 'original' } } });
    expect((await fetch(`${host.origin}/media/proxy/${mp4Id}`, { headers: auth() })).status).toBe(404);
  });

  it('makes an H.264 proxy of an MPEG-4 Part 2 AVI once, with progress, frame for frame and with the same timestamps', async () => {
    const events: ProxyProgress[] = [];
    const done = new Promise<void>((resolve) => {
      const off = core.on('media.proxy', (progress) => {
        events.push(progress);
        if (progress.state !== 'running') {
          off();
          resolve();
        }
      });
    });
    const first = await call('media.playback', { videoId: aviId });
    expect(first.body.value).toMatchObject({ kind: 'proxy', state: 'running' });
    await done;
    expect(events.at(-1)).toMatchObject({ videoId: aviId, state: 'ready', progress: 1 });
    expect((await call('media.playback', { videoId: aviId })).body.value).toEqual({ kind: 'proxy', state: 'ready' });

    const file = proxyFile(dir, core.library.get(aviId)!.fingerprint);
    expect(existsSync(file)).toBe(true);
    const codec = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,pix_fmt', '-of', 'csv=p=0', file]).toString().trim();
    expect(codec).toBe('h264,yuv420p');
    expect(await countFramesWithFfprobe(file)).toBe(await countFramesWithFfprobe(avi));
    const [proxyPts, originalPts] = [await framePtsWithFfprobe(file), await framePtsWithFfprobe(avi)];
    expect(proxyPts.map((t) => Math.round(t * 30))).toEqual(originalPts.map((t) => Math.round(t * 30)));

    const ranged = await fetch(`${host.origin}/media/proxy/${aviId}`, { headers: { ...auth(), Range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
  });

  it('says so when ffmpeg cannot convert a file Chromium cannot play either', async () => {
    const broken = await truncatedAvi(dir);
    const report = await core.library.add([broken]);
    const id = report.added[0]!.id;
    const failed = new Promise<ProxyProgress>((resolve) => {
      const off = core.on('media.proxy', (progress) => {
        if (progress.videoId === id && progress.state !== 'running') {
          off();
          resolve(progress);
        }
      });
    });
    expect((await call('media.playback', { videoId: id })).body.value).toMatchObject({ kind: 'proxy', state: 'running' });
    expect(await failed).toMatchObject({ state: 'failed', reason: expect.stringContaining(`ffmpeg could not convert ${broken} to H.264`) });
    const answer = (await call('media.playback', { videoId: id })).body.value as { kind: string; state: string; reason: string };
    expect(answer).toMatchObject({ kind: 'proxy', state: 'failed' });
    expect(answer.reason).toMatch(/Invalid data|Error/i);
    expect(existsSync(proxyFile(dir, core.library.get(id)!.fingerprint))).toBe(false);
    expect(readdirSync(join(dir, 'proxies')).filter((f) => f.includes('.part'))).toEqual([]);
  });

  it('answers 404 for an unknown media kind or video, and 400 naming the field for a bad videoId', async () => {
    expect((await fetch(`${host.origin}/media/poster/${mp4Id}`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${host.origin}/media/thumb/999`, { headers: auth() })).status).toBe(404);
    const bad = await call('media.playback', { videoId: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.field).toBe('videoId');
    const unknown = await call('media.playback', { videoId: 999 });
    expect(unknown.status).toBe(404);
  });
});

/**
 * An MPEG-4 Part 2 AVI cut 40 bytes into its first frame: ffprobe still reads its header (50
 * frames), but no frame can be decoded, so no proxy can be made.
 */
async function truncatedAvi(dir: string): Promise<string> {
  const whole = await makeClip({ dir, name: 'whole.avi', seconds: 2, fps: '25', width: 160, height: 120, codec: 'mpeg4', container: 'avi' });
  const bytes = readFileSync(whole);
  const movi = bytes.indexOf('movi');
  const firstFrame = bytes.indexOf('00dc', movi);
  const file = join(dir, 'broken.avi');
  writeFileSync(file, bytes.subarray(0, firstFrame + 8 + 40));
  return file;
}

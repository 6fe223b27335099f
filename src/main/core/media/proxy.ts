import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlaybackSource, ProxyProgress } from '../../../shared/library.js';
import type { VideoProbe } from '../../../shared/media.js';
import { runFfmpeg } from './ffmpeg-run.js';
import { cacheName } from './thumbnails.js';

/** What Chromium's <video> decodes everywhere (no platform decoders assumed). */
const PLAYABLE_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1', 'theora']);
const PLAYABLE_PIXEL_FORMATS = new Set(['yuv420p', 'yuvj420p']);
/** ffprobe format_name parts of containers Chromium demuxes. */
const PLAYABLE_CONTAINERS = ['mp4', 'mov', 'webm', 'matroska', 'ogg'];

/**
 * Whether Chromium can play the file as it is. Conservative: anything unsure gets a proxy,
 * which costs one conversion, where a wrong "yes" would leave the player black.
 */
export function chromiumCanPlay(probe: VideoProbe): boolean {
  const containers = probe.container.split(',');
  const { codec, pixelFormat } = probe.video;
  return (
    containers.some((c) => PLAYABLE_CONTAINERS.includes(c)) &&
    PLAYABLE_CODECS.has(codec) &&
    (codec !== 'h264' || pixelFormat === null || PLAYABLE_PIXEL_FORMATS.has(pixelFormat))
  );
}

export function proxyFile(dataDir: string, fingerprint: string): string {
  return join(dataDir, 'proxies', `${cacheName(fingerprint)}.mp4`);
}

export interface ProxyVideo {
  id: number;
  path: string;
  fingerprint: string;
  probe: VideoProbe;
}

/**
 * Makes H.264 proxies for videos Chromium cannot play, once per content fingerprint, in the data
 * folder. Frames keep their timestamps (`-fps_mode passthrough`), so frame n of the proxy is
 * frame n of the original and the labels stay on the frames they belong to.
 */
export class ProxyMaker {
  readonly #running = new Map<string, { progress: number }>();
  readonly #failed = new Map<string, string>();

  constructor(
    private readonly dataDir: string,
    private readonly report: (progress: ProxyProgress) => void,
    private readonly progressIntervalMs = 250,
  ) {
    removeStaleParts(join(dataDir, 'proxies'));
  }

  /** How to play `video` now; starts its proxy when one is needed and not made yet. */
  playback(video: ProxyVideo): PlaybackSource {
    if (!existsSync(video.path)) return { kind: 'missing', reason: `The file is no longer at ${video.path}. Locate it to play it again.` };
    if (chromiumCanPlay(video.probe)) return { kind: 'original' };
    const file = proxyFile(this.dataDir, video.fingerprint);
    if (existsSync(file)) return { kind: 'proxy', state: 'ready' };
    const failed = this.#failed.get(file);
    if (failed !== undefined) return { kind: 'proxy', state: 'failed', reason: failed };
    const running = this.#running.get(file) ?? this.#start(video, file);
    return { kind: 'proxy', state: 'running', progress: running.progress };
  }

  #start(video: ProxyVideo, file: string): { progress: number } {
    const state = { progress: 0 };
    this.#running.set(file, state);
    const duration = video.probe.durationSec > 0 ? video.probe.durationSec : 1;
    let lastReport = 0;
    const part = `${file}.${process.pid}.part.mp4`;
    const onSeconds = (seconds: number) => {
      state.progress = Math.min(0.99, seconds / duration);
      const now = Date.now();
      if (now - lastReport < this.progressIntervalMs) return;
      lastReport = now;
      this.report({ videoId: video.id, state: 'running', progress: state.progress });
    };
    void (async () => {
      try {
        await mkdir(join(this.dataDir, 'proxies'), { recursive: true });
        await runFfmpeg(
          [
            '-i', video.path, '-map', '0:v:0', '-an', '-sn',
            '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
            // Even sizes for yuv420p; passthrough keeps every frame and its timestamp.
            '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-fps_mode', 'passthrough',
            '-movflags', '+faststart', '-progress', 'pipe:1', '-y', part,
          ],
          `proxy ${video.path}`,
          onSeconds,
        );
        await rename(part, file);
        this.report({ videoId: video.id, state: 'ready', progress: 1 });
      } catch (error) {
        await rm(part, { force: true });
        const reason = `ffmpeg could not convert ${video.path} to H.264 for playback: ${(error as Error).message}`;
        this.#failed.set(file, reason);
        this.report({ videoId: video.id, state: 'failed', progress: state.progress, reason });
      } finally {
        this.#running.delete(file);
      }
    })();
    return state;
  }
}

/**
 * Removes the partial proxies (`<name>.<pid>.part.mp4`) whose process is gone: what a killed or
 * crashed app left behind. A part whose process still runs (another app on the same data folder)
 * is left to it. Returns the files removed.
 */
export function removeStaleParts(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return []; // no proxies yet
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /\.(\d+)\.part\.mp4$/.exec(name);
    if (!match || processRuns(Number(match[1]))) continue;
    rmSync(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

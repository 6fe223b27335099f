import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlaybackSource, ProxyMode, ProxyProgress } from '../../../shared/library.js';
import type { VideoProbe } from '../../../shared/media.js';
import { runFfmpeg } from './ffmpeg-run.js';
import { playbackPlan, proxyArgs, type PlaybackPlan } from './playback-plan.js';
import { cacheName } from './thumbnails.js';

export { chromiumCanPlay, playbackPlan } from './playback-plan.js';

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
 * Makes playable MP4 proxies for videos Chromium cannot play, once per content fingerprint, in the
 * data folder: a stream copy where only the container is the problem, an H.264 re-encode where the
 * codec is. Frames keep their timestamps (copy, or `-fps_mode passthrough`), so frame n of the proxy
 * is frame n of the original and the labels stay on the frames they belong to.
 */
export class ProxyMaker {
  readonly #running = new Map<string, { progress: number; mode: ProxyMode }>();
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
    const plan = playbackPlan(video.probe);
    if (plan.kind === 'original') return { kind: 'original' };
    const file = proxyFile(this.dataDir, video.fingerprint);
    if (existsSync(file)) return { kind: 'proxy', state: 'ready' };
    const failed = this.#failed.get(file);
    if (failed !== undefined) return { kind: 'proxy', state: 'failed', reason: failed };
    const running = this.#running.get(file) ?? this.#start(video, file, plan);
    return { kind: 'proxy', state: 'running', progress: running.progress, mode: running.mode, note: plan.reason };
  }

  #start(video: ProxyVideo, file: string, plan: Exclude<PlaybackPlan, { kind: 'original' }>): { progress: number; mode: ProxyMode } {
    const state = { progress: 0, mode: plan.kind };
    this.#running.set(file, state);
    const duration = video.probe.durationSec > 0 ? video.probe.durationSec : 1;
    let lastReport = 0;
    const part = `${file}.${process.pid}.part.mp4`;
    const onSeconds = (seconds: number) => {
      state.progress = Math.min(0.99, seconds / duration);
      const now = Date.now();
      if (now - lastReport < this.progressIntervalMs) return;
      lastReport = now;
      this.report({ videoId: video.id, state: 'running', progress: state.progress, mode: plan.kind });
    };
    void (async () => {
      try {
        await mkdir(join(this.dataDir, 'proxies'), { recursive: true });
        await runFfmpeg(proxyArgs(plan, video.path, part), `proxy (${plan.kind}) ${video.path}`, onSeconds);
        await rename(part, file);
        this.report({ videoId: video.id, state: 'ready', progress: 1, mode: plan.kind });
      } catch (error) {
        await rm(part, { force: true });
        const what = plan.kind === 'remux' ? `copy the streams of ${video.path} into MP4` : `convert ${video.path} to H.264`;
        const reason = `ffmpeg could not ${what} for playback: ${(error as Error).message}`;
        this.#failed.set(file, reason);
        this.report({ videoId: video.id, state: 'failed', progress: state.progress, reason, mode: plan.kind });
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

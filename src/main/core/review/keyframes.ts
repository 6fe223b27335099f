import { stat } from 'node:fs/promises';
import { runFfprobe } from '../media/probe.js';

/** How far before a cut to look for its keyframe (cameras put one every 1–10 s). */
const LOOK_BACK_SEC = 30;
const NEAR_LOOK_BACK_SEC = 5;

/** Files' first timestamps, by path, size and modification time: a queue's thumbnails of one recording ask once. */
const starts = new Map<string, number>();
const MAX_STARTS = 256;

async function startTime(file: string): Promise<number | null> {
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  const key = `${file}\0${info.size}\0${info.mtimeMs}`;
  const known = starts.get(key);
  if (known !== undefined) return known;
  const head = await runFfprobe(file, ['-show_entries', 'format=start_time', file], undefined, 30_000);
  if (head.exit.code !== 0) return null;
  const start = Number((JSON.parse(head.stdout) as { format?: { start_time?: string } }).format?.start_time ?? 0) || 0;
  starts.set(key, start);
  if (starts.size > MAX_STARTS) starts.delete(starts.keys().next().value as string);
  return start;
}

/**
 * The last video keyframe at or before `atSec` (seconds from the file's first timestamp, as ffmpeg's
 * input `-ss` counts), read from packet flags near the cut; null when none is found.
 * [Note: a stream copy can only start on a keyframe; ffmpeg's own -ss on MPEG-TS lands anywhere and
 *  drops packets up to the next keyframe, so a copied clip would miss its start.]
 */
export async function keyframeAtOrBefore(file: string, atSec: number): Promise<number | null> {
  // -read_intervals counts in the file's own timestamps (MPEG-TS starts at 1.4 s or anywhere): offset by its start.
  const start = await startTime(file);
  if (start === null) return null;
  // A short look back first (most cameras put a keyframe every 1-4 s), the whole LOOK_BACK_SEC only when it finds none.
  for (const lookBack of [NEAR_LOOK_BACK_SEC, LOOK_BACK_SEC]) {
    const found = await lastKeyframeIn(file, start, atSec, lookBack);
    if (found !== undefined) return found;
    if (atSec <= lookBack) break;
  }
  return null;
}

/** The last keyframe in [atSec - lookBack, atSec]; undefined when there is none there, null when ffprobe failed. */
async function lastKeyframeIn(file: string, start: number, atSec: number, lookBack: number): Promise<number | null | undefined> {
  const from = start + Math.max(0, atSec - lookBack);
  const run = await runFfprobe(file, ['-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-read_intervals', `${from.toFixed(3)}%${(start + atSec + 0.05).toFixed(3)}`, file], undefined, 30_000);
  if (run.exit.code !== 0) return null;
  const packets = (JSON.parse(run.stdout) as { packets?: { pts_time?: string; flags?: string }[] }).packets ?? [];
  let best: number | undefined;
  for (const packet of packets) {
    if (!packet.flags?.includes('K') || packet.pts_time === undefined) continue;
    const t = Number(packet.pts_time) - start;
    if (t <= atSec + 1e-6 && (best === undefined || t > best)) best = t;
  }
  return best === undefined ? undefined : Math.max(0, best);
}

/**
 * ffmpeg input arguments that decode from the keyframe before `atSec` and then skip exactly to it
 * (input seek to the keyframe, output seek for the rest): frame-accurate on any container.
 */
export async function accurateSeekArgs(file: string, atSec: number): Promise<string[]> {
  const keyframe = await keyframeAtOrBefore(file, atSec);
  const base = keyframe ?? 0;
  return [...(base > 0 ? ['-ss', base.toFixed(3)] : []), '-i', file, '-ss', Math.max(0, atSec - base).toFixed(3)];
}

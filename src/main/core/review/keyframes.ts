import { runFfprobe } from '../media/probe.js';

/** How far before a cut to look for its keyframe (cameras put one every 1–10 s). */
const LOOK_BACK_SEC = 30;

/**
 * The last video keyframe at or before `atSec` (seconds from the file's first timestamp, as ffmpeg's
 * input `-ss` counts), read from packet flags near the cut; null when none is found.
 * [Note: a stream copy can only start on a keyframe; ffmpeg's own -ss on MPEG-TS lands anywhere and
 *  drops packets up to the next keyframe, so a copied clip would miss its start.]
 */
export async function keyframeAtOrBefore(file: string, atSec: number): Promise<number | null> {
  // -read_intervals counts in the file's own timestamps (MPEG-TS starts at 1.4 s or anywhere): offset by its start.
  const head = await runFfprobe(file, ['-show_entries', 'format=start_time', file], undefined, 30_000);
  if (head.exit.code !== 0) return null;
  const start = Number((JSON.parse(head.stdout) as { format?: { start_time?: string } }).format?.start_time ?? 0) || 0;
  const from = start + Math.max(0, atSec - LOOK_BACK_SEC);
  const run = await runFfprobe(file, ['-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-read_intervals', `${from.toFixed(3)}%${(start + atSec + 0.05).toFixed(3)}`, file], undefined, 30_000);
  if (run.exit.code !== 0) return null;
  const packets = (JSON.parse(run.stdout) as { packets?: { pts_time?: string; flags?: string }[] }).packets ?? [];
  let best: number | null = null;
  for (const packet of packets) {
    if (!packet.flags?.includes('K') || packet.pts_time === undefined) continue;
    const t = Number(packet.pts_time) - start;
    if (t <= atSec + 1e-6 && (best === null || t > best)) best = t;
  }
  return best === null ? null : Math.max(0, best);
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

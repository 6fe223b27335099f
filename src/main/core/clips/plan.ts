/**
 * Which clips to cut and how: a segment's span with pre/post roll, clamped to the video; stream
 * copy when both edges fall on keyframes (or the end is the video's end), else re-encode.
 * [Note: a copied cut can only begin on a keyframe, and with B-frames it only ends frame-exact on
 * a GOP boundary: copying whole GOPs is the one case where copy gives exactly the frames asked.]
 * Pure, so the choice is tested without ffmpeg.
 */
export interface ClipSource {
  label: string;
  startSec: number;
  endSec: number;
}

export interface PlannedClip {
  label: string;
  startSec: number;
  endSec: number;
  mode: 'copy' | 'reencode';
  /** Frames in the clip (the count ffmpeg is told to write). */
  frames: number;
  fileName: string;
}

export interface PlanOptions {
  preRollSec?: number;
  postRollSec?: number;
  durationSec: number;
  fps: number;
  /** Keyframe times in seconds, ascending. */
  keyframes: readonly number[];
  /** How near a keyframe a start must be to copy (default: a millisecond). */
  toleranceSec?: number;
}

/** `1m05.200s` style, safe in file names and sorted by time within a label. */
export function clipTime(sec: number): string {
  const ms = Math.round(sec * 1000);
  const m = Math.floor(ms / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${String(m).padStart(2, '0')}m${s}s`;
}

export const safeName = (text: string) => text.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'clip';

function onKeyframe(sec: number, keyframes: readonly number[], tolerance: number): boolean {
  let lo = 0;
  let hi = keyframes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keyframes[mid]!;
    if (Math.abs(k - sec) <= tolerance) return true;
    if (k < sec) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function planClips(sources: readonly ClipSource[], options: PlanOptions): PlannedClip[] {
  const { preRollSec = 0, postRollSec = 0, durationSec, fps, keyframes, toleranceSec = 0.001 } = options;
  const names = new Set<string>();
  return sources.map((s, i) => {
    const startSec = Math.max(0, s.startSec - preRollSec);
    const endSec = Math.min(durationSec, s.endSec + postRollSec);
    let fileName = `${safeName(s.label)}_${clipTime(startSec)}.mp4`;
    if (names.has(fileName)) fileName = `${safeName(s.label)}_${clipTime(startSec)}_${i + 1}.mp4`;
    names.add(fileName);
    const copy = onKeyframe(startSec, keyframes, toleranceSec) && (endSec >= durationSec - toleranceSec || onKeyframe(endSec, keyframes, toleranceSec));
    return { label: s.label, startSec, endSec, mode: copy ? 'copy' : 'reencode', frames: Math.max(1, Math.round((endSec - startSec) * fps)), fileName };
  });
}

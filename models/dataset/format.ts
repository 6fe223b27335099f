/** Video formats an item may have: frame rate, frame size, H.264 quality. */
import type { Rng } from './rng.js';

export interface FrameRate {
  /** As ffmpeg and the item JSON spell it. */
  label: '24' | '25' | '30' | '30000/1001';
  num: number;
  den: number;
}

export const FRAME_RATES: readonly FrameRate[] = [
  { label: '24', num: 24, den: 1 },
  { label: '25', num: 25, den: 1 },
  { label: '30', num: 30, den: 1 },
  { label: '30000/1001', num: 30000, den: 1001 },
];

/** Seconds at the start of frame i. */
export function frameTime(fps: FrameRate, i: number): number {
  return (i * fps.den) / fps.num;
}

/** Whole frames in a span of seconds (rounded to the nearest frame). */
export function framesIn(fps: FrameRate, seconds: number): number {
  return Math.round((seconds * fps.num) / fps.den);
}

export interface SizeLimits {
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
}

export const DEFAULT_SIZES: SizeLimits = { minWidth: 160, minHeight: 120, maxWidth: 640, maxHeight: 480 };

/** Aspect ratios allowed by the spec: 4:3 up to 16:9. */
const MIN_ASPECT = 4 / 3;
const MAX_ASPECT = 16 / 9;

/** "320x240" → [320, 240], or null when it is not two positive integers joined by x. */
export function parseSize(text: string): [number, number] | null {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w > 0 && h > 0 ? [w, h] : null;
}

/** Even widths allowed for an even height (H.264 with 4:2:0 chroma needs even sizes). */
function widthRange(limits: SizeLimits, h: number): [number, number] | null {
  const lo = 2 * Math.ceil(Math.max(limits.minWidth, h * MIN_ASPECT - 1e-9) / 2);
  const hi = 2 * Math.floor(Math.min(limits.maxWidth, h * MAX_ASPECT + 1e-9) / 2);
  return lo <= hi ? [lo, hi] : null;
}

/** Even heights for which some even width gives a 4:3..16:9 frame within the limits. */
export function feasibleHeights(limits: SizeLimits): number[] {
  const heights: number[] = [];
  for (let h = 2 * Math.ceil(limits.minHeight / 2); h <= limits.maxHeight; h += 2) if (widthRange(limits, h)) heights.push(h);
  return heights;
}

/**
 * A frame size: the height log-uniformly (weight 1/h, so small frames, cheap to render and closest
 * to what models are trained on, are as common per octave as big ones), then the width uniformly.
 */
export function sampleSize(rng: Rng, limits: SizeLimits): [number, number] {
  const heights = feasibleHeights(limits);
  if (heights.length === 0) throw new Error('no frame size fits the limits');
  let total = 0;
  for (const h of heights) total += 1 / h;
  let u = rng.float() * total;
  let height = heights[heights.length - 1] as number;
  for (const h of heights) {
    u -= 1 / h;
    if (u < 0) {
      height = h;
      break;
    }
  }
  const [lo, hi] = widthRange(limits, height) as [number, number];
  return [lo + 2 * rng.int(0, (hi - lo) / 2), height];
}

/**
 * The timeline's view: which frames [start, end) are visible across `width` CSS pixels.
 * Pure functions, so zoom, pan and ticks are unit-tested without a browser (they live in shared/
 * because the Node test project type-checks them; only the renderer and the UI bench use them).
 */
import { formatDuration } from '../format.js';

export interface View {
  start: number;
  end: number;
}

/** At the deepest zoom a frame is this many pixels wide: single frames, labelled. */
export const MAX_PX_PER_FRAME = 24;

export const span = (view: View): number => view.end - view.start;
export const frameToX = (view: View, width: number, frame: number): number => ((frame - view.start) / span(view)) * width;
export const xToFrame = (view: View, width: number, x: number): number => view.start + (x / width) * span(view);
export const pxPerFrame = (view: View, width: number): number => width / span(view);

/** Keeps the view inside [0, total) and between one screen of single frames and the whole video. */
export function clampView(view: View, total: number, width: number): View {
  const minSpan = Math.min(total, Math.max(1, width / MAX_PX_PER_FRAME));
  let length = Math.min(total, Math.max(minSpan, span(view)));
  if (!Number.isFinite(length) || length <= 0) length = total;
  let start = Math.max(0, Math.min(view.start, total - length));
  if (!Number.isFinite(start)) start = 0;
  return { start, end: start + length };
}

/** Zooms by `factor` (>1 zooms in) keeping the frame under `anchorX` where it is. */
export function zoomAt(view: View, width: number, total: number, anchorX: number, factor: number): View {
  const anchor = xToFrame(view, width, anchorX);
  const length = span(view) / factor;
  const start = anchor - (anchorX / width) * length;
  return clampView({ start, end: start + length }, total, width);
}

/** Moves the view by `dx` pixels (positive: later frames come into view). */
export function panBy(view: View, width: number, total: number, dx: number): View {
  const df = (dx / width) * span(view);
  return clampView({ start: view.start + df, end: view.end + df }, total, width);
}

/** Scrolls the view just enough that `frame` is visible, keeping a margin of a tenth of it. */
export function follow(view: View, total: number, width: number, frame: number): View {
  const margin = span(view) * 0.1;
  if (frame >= view.start + margin && frame < view.end - margin) return view;
  if (frame >= view.start && frame < view.end && (view.start === 0 || view.end >= total)) return view;
  const start = frame - span(view) / 2;
  return clampView({ start, end: start + span(view) }, total, width);
}

export interface Tick {
  frame: number;
  x: number;
  label: string;
  major: boolean;
}

const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
const FRAME_STEPS = [1, 2, 5, 10];

/**
 * Ruler ticks at least `minGapPx` apart, on whole frames or round times; labels say frames when
 * zoomed to frames. `timeOf` labels a frame with the video's own clock (variable frame rates).
 */
export function ticks(view: View, width: number, fps: number, minGapPx = 70, timeOf: (frame: number) => number = (f) => f / fps): Tick[] {
  const perFrame = pxPerFrame(view, width);
  const candidates = [...FRAME_STEPS.filter((f) => f < fps), ...SECOND_STEPS.map((s) => s * fps)];
  const step = candidates.find((frames) => frames * perFrame >= minGapPx) ?? (SECOND_STEPS.at(-1) as number) * fps;
  const framesMode = step < fps;
  const out: Tick[] = [];
  const first = Math.ceil(view.start / step) * step;
  for (let frame = first; frame < view.end && out.length < 500; frame += step) {
    const whole = Math.round(frame);
    out.push({ frame: whole, x: frameToX(view, width, whole), label: framesMode ? `${whole}` : formatDuration(timeOf(whole)), major: framesMode ? whole % Math.round(fps) === 0 : true });
  }
  return out;
}

/**
 * Sliding-window geometry for clip and two-stream models. A window starting at frame s samples
 * `length` frames s, s + interval, …; it covers the `span` frames from its first sampled frame to
 * its last, and its prediction is credited to every frame it covers, so each frame's row is the
 * mean of the windows around it (centred), never a window that ended before it or began after it.
 * (When the stride is longer than the span, see coverLead.)
 *
 * Windows start at 0, stride, 2·stride, … while they fit. Edges are explicit: when the last
 * regular window stops short of the last frame, one more window is aligned to end exactly on it;
 * a video shorter than one span gets a single window whose samples past the end repeat the last
 * frame. Every frame is therefore covered by at least one window.
 */
export interface WindowGeometry {
  length: number;
  interval: number;
  stride: number;
  /** Frames from a window's first sampled frame to its last, inclusive. */
  span: number;
}

export function windowGeometry(clip: { length: number; frameInterval: number }, stride: number): WindowGeometry {
  return { length: clip.length, interval: clip.frameInterval, stride, span: (clip.length - 1) * clip.frameInterval + 1 };
}

/** Frames a window samples, clamped to the last frame for videos shorter than a span. */
export function sampledFrames(g: WindowGeometry, start: number, totalFrames = Infinity): number[] {
  return Array.from({ length: g.length }, (_, k) => Math.min(start + k * g.interval, totalFrames - 1));
}

/**
 * Frames a window's coverage begins before its first sampled frame. Zero unless the stride is
 * longer than the span: then windows would leave gaps, so each is credited to a stride-long
 * range centred on its span instead, and the ranges tile the video.
 */
export function coverLead(g: WindowGeometry): number {
  return Math.max(0, Math.floor((g.stride - g.span) / 2));
}

/** The frames a window's prediction is credited to: [start, end). */
export function coveredFrames(g: WindowGeometry, start: number, totalFrames = Infinity): { start: number; end: number } {
  const from = start - coverLead(g);
  return { start: Math.max(0, from), end: Math.min(from + Math.max(g.span, g.stride), totalFrames) };
}

/** Whether a regular window starts at `start`, i.e. ends on frame `start + span - 1`. */
export function isRegularStart(g: WindowGeometry, start: number): boolean {
  return start >= 0 && start % g.stride === 0;
}

/** The window that becomes complete when frame `frame` arrives, if any. */
export function regularWindowEndingAt(g: WindowGeometry, frame: number): number | null {
  const start = frame - g.span + 1;
  return isRegularStart(g, start) ? start : null;
}

/** Windows added at the end of a video of `totalFrames` frames, after the regular ones. */
export function edgeWindows(g: WindowGeometry, totalFrames: number): number[] {
  if (totalFrames <= 0) return [];
  if (totalFrames < g.span) return [0];
  const lastRegular = Math.floor((totalFrames - g.span) / g.stride) * g.stride;
  const endAligned = totalFrames - g.span;
  return endAligned > lastRegular ? [endAligned] : [];
}

/**
 * The first frame whose every covering window starts at or after the regular start `start`, so
 * that a run restarted there (see [Note: exact resume]) computes that frame's row completely.
 * Covering windows of frame f start after f + lead − coverage; the end-aligned edge window
 * starts after every regular one.
 */
export function restartFirstRow(g: WindowGeometry, start: number): number {
  if (start === 0) return 0;
  return Math.max(start, start - g.stride - coverLead(g) + Math.max(g.span, g.stride));
}

/** Recorded with the run (runs.alignment). */
export function describeAlignment(g: WindowGeometry, family: string): string {
  return `centred-window-mean;family=${family};length=${g.length};interval=${g.interval};stride=${g.stride};span=${g.span};coverage=${Math.max(g.span, g.stride)};edges=end-aligned-window,short-video-repeats-last-frame`;
}

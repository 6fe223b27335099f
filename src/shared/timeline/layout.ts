import type { Segment } from '../analysis.js';
import { frameToX, xToFrame, type View } from './scale.js';

export interface SegmentRect {
  x: number;
  w: number;
  segment: Segment;
}

/**
 * Rectangles to draw for a track: only the segments in view, clipped to it, at least one pixel
 * wide, and at most one per pixel column (a thinner one is hidden under its neighbour), so a
 * frame costs O(visible pixels) however many segments the track holds.
 */
export function segmentRects(segments: readonly Segment[], view: View, width: number): SegmentRect[] {
  const out: SegmentRect[] = [];
  let from = firstEndingAfter(segments, view.start);
  let lastPixel = -Infinity;
  for (; from < segments.length; from++) {
    const segment = segments[from] as Segment;
    if (segment.startFrame >= view.end) break;
    const x0 = Math.max(0, frameToX(view, width, segment.startFrame));
    const x1 = Math.min(width, frameToX(view, width, segment.endFrame));
    if (x1 - x0 < 1 && Math.floor(x0) <= lastPixel) continue;
    const w = Math.max(1, x1 - x0);
    out.push({ x: x0, w, segment });
    lastPixel = Math.floor(x0 + w - 1e-9);
  }
  return out;
}

/** Index of the first segment whose end is after `frame` (segments sorted by start, not overlapping). */
export function firstEndingAfter(segments: readonly Segment[], frame: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segments[mid] as Segment).endFrame <= frame) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The segment under pixel `x`, or the nearest one within `slopPx` (thin segments are hard to hit). */
export function hitTest(segments: readonly Segment[], view: View, width: number, x: number, slopPx = 3): Segment | null {
  const frame = xToFrame(view, width, x);
  const slop = xToFrame(view, width, slopPx) - view.start;
  const i = firstEndingAfter(segments, frame - slop);
  let best: Segment | null = null;
  let bestDistance = Infinity;
  for (let j = i; j < segments.length; j++) {
    const segment = segments[j] as Segment;
    if (segment.startFrame > frame + slop) break;
    const distance = frame < segment.startFrame ? segment.startFrame - frame : frame >= segment.endFrame ? frame - segment.endFrame : 0;
    if (distance < bestDistance) {
      best = segment;
      bestDistance = distance;
    }
  }
  return best;
}

/** Class indices present among `segments`, for colour assignment and the legend. */
export function presentClasses(tracks: Iterable<readonly Segment[]>): number[] {
  const found = new Set<number>();
  for (const segments of tracks) for (const s of segments) found.add(s.classIndex);
  return [...found].filter((c) => c >= 0).sort((a, b) => a - b);
}

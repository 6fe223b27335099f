/**
 * Frame numbers ↔ the player's clock. The engine's frame n is the n-th decoded frame; the player
 * knows only times. With a constant frame rate frame n starts at n / fps; with a variable one the
 * frames' own presentation times say (media.frameTimes). Seeks aim at the middle of a frame, so
 * no rounding lands on a neighbour; a presented frame's time is its start.
 */
import { usableFps } from '../media.js';
export interface FrameMap {
  /** The frame on screen at media time `t` (seconds). */
  frameAt(t: number): number;
  /** A time inside frame `frame`, to seek to. */
  seekTime(frame: number): number;
  /** When frame `frame` starts (seconds), for display. */
  timeOf(frame: number): number;
}

/** Tolerance for timestamps rounded by a container's time base or printed to microseconds. */
const EPSILON_FRAMES = 1e-3;

export function constantRate(fps: number): FrameMap {
  const rate = usableFps(fps);
  return {
    frameAt: (t) => Math.max(0, Math.floor(t * rate + EPSILON_FRAMES)),
    seekTime: (frame) => (frame + 0.5) / rate,
    timeOf: (frame) => frame / rate,
  };
}

/**
 * From the frames' presentation times (ascending). Times are taken relative to the first frame,
 * as the player's clock starts at the first frame.
 */
export function frameTimes(times: readonly number[], fps: number): FrameMap {
  if (times.length === 0) return constantRate(fps);
  const nominal = 1 / usableFps(fps);
  const first = times[0] as number;
  const rel = Float64Array.from(times, (t) => t - first);
  const last = rel.length - 1;
  const timeOf = (frame: number) => (frame <= last ? (rel[Math.max(0, frame)] as number) : (rel[last] as number) + (frame - last) * nominal);
  return {
    frameAt(t) {
      const at = t + nominal * EPSILON_FRAMES;
      if (at >= (rel[last] as number)) return last + Math.max(0, Math.floor((at - (rel[last] as number)) / nominal));
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((rel[mid] as number) <= at) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
    seekTime: (frame) => (timeOf(frame) + timeOf(frame + 1)) / 2,
    timeOf,
  };
}

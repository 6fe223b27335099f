/**
 * Presentation times of a video's frames as the decoder reported them, for storing with each
 * chunk of probabilities. Segment times then follow the video's own clock, so variable-frame-rate
 * footage (phones, many recorders) does not drift the way frame / average fps does.
 *
 * Frames the decoder never delivered (skipped for a stride, or before a resume point) get a time
 * interpolated between the nearest delivered frames, or extrapolated at the nominal frame rate.
 */
import { usableFps } from '../../../shared/media.js';

export class FrameClock {
  readonly #frameDuration: number;
  // Delivered frames in increasing index order; entries far behind the writer are dropped.
  #indices: number[] = [];
  #times: number[] = [];

  constructor(fps: number) {
    this.#frameDuration = 1 / usableFps(fps);
  }

  record(index: number, pts: number): void {
    if (!Number.isFinite(pts)) return;
    const last = this.#indices.at(-1);
    if (last !== undefined && index <= last) return;
    this.#indices.push(index);
    this.#times.push(pts);
  }

  /** The time of frame `frame`, in seconds from the start of the file. */
  timeOf(frame: number): number {
    const indices = this.#indices;
    if (indices.length === 0) return frame * this.#frameDuration;
    // The last delivered frame at or before `frame` (binary search), and the one after it.
    let lo = -1;
    let hi = indices.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (indices[mid]! <= frame) lo = mid;
      else hi = mid;
    }
    if (lo >= 0 && indices[lo] === frame) return this.#times[lo]!;
    if (lo >= 0 && hi < indices.length) {
      const share = (frame - indices[lo]!) / (indices[hi]! - indices[lo]!);
      return this.#times[lo]! + share * (this.#times[hi]! - this.#times[lo]!);
    }
    if (lo >= 0) return this.#times[lo]! + (frame - indices[lo]!) * this.#frameDuration;
    return this.#times[0]! - (indices[0]! - frame) * this.#frameDuration;
  }

  /** Times of frames [start, start + count). */
  times(start: number, count: number): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.timeOf(start + i);
    return out;
  }

  /** Frames before `frame` are stored: keep only the last of them, for interpolating after it. */
  forgetBefore(frame: number): void {
    let keep = 0;
    while (keep + 1 < this.#indices.length && this.#indices[keep + 1]! < frame) keep += 1;
    if (keep > 0) {
      this.#indices.splice(0, keep);
      this.#times.splice(0, keep);
    }
  }
}

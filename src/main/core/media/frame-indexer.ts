export interface FrameIndexerOptions {
  /** ffmpeg already keeps only every Nth frame (select filter); 1 = all frames. */
  stride: number;
  /** When set, ffmpeg outputs every frame and the indexer picks them by pts. */
  targetFps: number | null;
  /** Input seek in seconds; 0 = decoding from the start of the file. */
  startTime: number;
  /** The stream's frame rate, to place the first frame after a seek. */
  fps: number;
  /** Every frame's presentation time from the container's packets, sorted (see DecodeOptions.frameTimes). */
  frameTimes?: readonly number[] | null;
}

/** Tolerance for comparing pts with targetFps steps (well below any real frame interval). */
const PTS_EPSILON_SEC = 1e-6;

/**
 * Gives each frame ffmpeg outputs its source index (presentation order, 0-based from the start
 * of the file) and, with targetFps, decides which frames to keep.
 *
 * The first frame's index is 0 from the file start, round(firstPts * fps) after a seek (exact
 * for constant-frame-rate files). Each later frame is the next one (k-th output = k·stride)
 * unless the container's frame times are known: then it is found by its pts among them, so a
 * frame ffmpeg could not decode leaves its index out (a gap) instead of shifting every later one.
 */
export class FrameIndexer {
  readonly #options: FrameIndexerOptions;
  readonly #tolerance: number;
  #firstIndex: number | null = null;
  #lastIndex: number | null = null;
  /** Position of the first output frame's pts in frameTimes. */
  #anchor: number | null = null;
  #nextStepSec = 0;

  constructor(options: FrameIndexerOptions) {
    this.#options = options;
    this.#tolerance = options.fps > 0 ? 0.3 / options.fps : 1e-3;
  }

  /** Index of the next frame ffmpeg outputs (pts in file seconds), or null if targetFps skips it. */
  next(ptsSec: number): number | null {
    const { targetFps } = this.#options;
    const index = this.#indexOf(ptsSec);
    this.#firstIndex ??= index;
    this.#lastIndex = index;
    if (targetFps === null) return index;
    // Keep the first frame at or after each 1/targetFps step; a frame after a gap covers every
    // step it passed, so the next step is the first one after this frame.
    const t = ptsSec + PTS_EPSILON_SEC;
    if (t < this.#nextStepSec) return null;
    this.#nextStepSec = (Math.floor(t * targetFps) + 1) / targetFps;
    return index;
  }

  /**
   * Frames the file has from the first output frame's index on, by the container's frame times
   * (null without them): frames missing after the last output one are gaps at the end.
   */
  totalFrames(): number | null {
    const times = this.#options.frameTimes;
    if (!times || this.#anchor === null || this.#firstIndex === null) return null;
    return this.#firstIndex + times.length - this.#anchor;
  }

  #indexOf(ptsSec: number): number {
    const { stride, startTime, fps, frameTimes } = this.#options;
    if (this.#lastIndex === null) {
      this.#anchor = frameTimes ? this.#position(ptsSec) : null;
      if (startTime > 0 && fps > 0) return Math.round(ptsSec * fps);
      // From the start: frames before the first one decoded (a damaged first frame) are gaps too;
      // packets before time 0 are never shown (an edit list's pre-roll).
      return this.#anchor === null ? 0 : Math.max(0, this.#anchor - frameTimes!.filter((t) => t < 0).length);
    }
    const sequential = this.#lastIndex + stride;
    if (!frameTimes || this.#anchor === null) return sequential;
    const position = this.#position(ptsSec);
    if (position === null) return sequential;
    const index = this.#firstIndex! + position - this.#anchor;
    return index > this.#lastIndex ? index : sequential;
  }

  /** Position of `ptsSec` among the frame times (binary search, within a fraction of a frame), or null. */
  #position(ptsSec: number): number | null {
    const times = this.#options.frameTimes!;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! < ptsSec) lo = mid + 1;
      else hi = mid;
    }
    const candidates = [lo - 1, lo].filter((i) => i >= 0 && i < times.length);
    const best = candidates.sort((a, b) => Math.abs(times[a]! - ptsSec) - Math.abs(times[b]! - ptsSec))[0];
    return best !== undefined && Math.abs(times[best]! - ptsSec) <= this.#tolerance ? best : null;
  }

  /** Source index of the last frame ffmpeg output, or null before the first. */
  get lastIndex(): number | null {
    return this.#lastIndex;
  }

  get firstIndex(): number | null {
    return this.#firstIndex;
  }
}

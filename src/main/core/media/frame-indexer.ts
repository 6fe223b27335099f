export interface FrameIndexerOptions {
  /** ffmpeg already keeps only every Nth frame (select filter); 1 = all frames. */
  stride: number;
  /** When set, ffmpeg outputs every frame and the indexer picks them by pts. */
  targetFps: number | null;
  /** Input seek in seconds; 0 = decoding from the start of the file. */
  startTime: number;
  /** The stream's frame rate, to place the first frame after a seek. */
  fps: number;
}

/** Tolerance for comparing pts with targetFps steps (well below any real frame interval). */
const PTS_EPSILON_SEC = 1e-6;

/**
 * Gives each frame ffmpeg outputs its source index (presentation order, 0-based from the start
 * of the file) and, with targetFps, decides which frames to keep.
 *
 * From the file start the index is exact (the k-th output frame is source frame k*stride).
 * After a seek the first index is round(firstPts * fps): exact for constant-frame-rate files,
 * an approximation for variable-frame-rate ones.
 */
export class FrameIndexer {
  readonly #options: FrameIndexerOptions;
  #outputOrdinal = 0;
  #firstIndex: number | null = null;
  #nextStepSec = 0;

  constructor(options: FrameIndexerOptions) {
    this.#options = options;
  }

  /** Index of the next frame ffmpeg outputs (pts in file seconds), or null if targetFps skips it. */
  next(ptsSec: number): number | null {
    const { stride, targetFps, startTime, fps } = this.#options;
    this.#firstIndex ??= startTime > 0 && fps > 0 ? Math.round(ptsSec * fps) : 0;
    const index = this.#firstIndex + this.#outputOrdinal * stride;
    this.#outputOrdinal += 1;
    if (targetFps === null) return index;
    // Keep the first frame at or after each 1/targetFps step; a frame after a gap covers every
    // step it passed, so the next step is the first one after this frame.
    const t = ptsSec + PTS_EPSILON_SEC;
    if (t < this.#nextStepSec) return null;
    this.#nextStepSec = (Math.floor(t * targetFps) + 1) / targetFps;
    return index;
  }

  /** Source index of the last frame ffmpeg output, or null before the first. */
  get lastIndex(): number | null {
    if (this.#firstIndex === null) return null;
    return this.#firstIndex + (this.#outputOrdinal - 1) * this.#options.stride;
  }

  get firstIndex(): number | null {
    return this.#firstIndex;
  }
}

/**
 * Frame models with a stride analyse frames 0, S, 2S, …; every other frame takes the result of
 * the nearest analysed frame (a tie, possible for even S, goes to the earlier one).
 */
export function nearestAnalysedFrame(frame: number, stride: number): number {
  return stride * Math.floor((frame + Math.floor((stride - 1) / 2)) / stride);
}

/** The last frame whose nearest analysed frame is `analysed`. */
export function lastFrameServedBy(analysed: number, stride: number): number {
  return analysed + stride - 1 - Math.floor((stride - 1) / 2);
}

/** The first frame whose nearest analysed frame is `analysed`. */
export function firstFrameServedBy(analysed: number, stride: number): number {
  return Math.max(0, analysed - Math.floor((stride - 1) / 2));
}

/**
 * Emits each analysed frame's row for every frame it serves; the last one also serves the tail.
 * The frames after the latest analysed one are held back until the next analysed frame (or the
 * end, whose frame count caps them): they may not exist, e.g. stride 2 on 9 frames ends at frame 8.
 */
export class StridedRows {
  readonly #stride: number;
  readonly #emit: (frame: number, row: Float32Array) => void;
  #next: number;
  #last: Float32Array | null = null;
  /** The last frame #last serves, should more frames follow. */
  #lastServed = -1;

  constructor(stride: number, firstAnalysed: number, emit: (frame: number, row: Float32Array) => void) {
    this.#stride = stride;
    this.#emit = emit;
    this.#next = firstFrameServedBy(firstAnalysed, stride);
  }

  analysed(frame: number, row: Float32Array): void {
    if (this.#last) {
      const end = Math.min(this.#lastServed, frame - 1);
      for (; this.#next <= end; this.#next++) this.#emit(this.#next, this.#last);
    }
    for (; this.#next <= frame; this.#next++) this.#emit(this.#next, row);
    this.#last = row;
    this.#lastServed = lastFrameServedBy(frame, this.#stride);
  }

  /** Frames after the last analysed one, up to the end of the video. */
  finish(totalFrames: number): void {
    if (!this.#last) return;
    for (; this.#next < totalFrames; this.#next++) this.#emit(this.#next, this.#last);
  }
}

/** Whether a decoded frame is one a strided model analyses (after a seek ffmpeg's select cannot know). */
export function isAnalysedFrame(frame: number, stride: number, decodeFrom: number): boolean {
  return frame >= decodeFrom && frame % stride === 0;
}

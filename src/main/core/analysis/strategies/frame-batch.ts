import { BufferPool } from '../buffer-pool.js';
import type { FrameInput, StrategyContext } from './types.js';

/** Fills samples [filled, count) of a batch with copies of sample filled-1 (a fixed batch size's padding). */
export function padWithLastSample(buffer: Float32Array, filled: number, count: number, sampleSize: number): void {
  for (let slot = filled; slot < count; slot++) buffer.copyWithin(slot * sampleSize, (filled - 1) * sampleSize, filled * sampleSize);
}

export interface TakenBatch {
  /** Source frame indices, one per filled sample. */
  frames: number[];
  /** The samples, padded up to `count`; a view of a pooled buffer. */
  data: Float32Array;
  count: number;
}

/**
 * Preprocessed frames packed one after another into pooled buffers, for the models that take a
 * frame per sample (frame classifiers along N, recurrent models along T).
 */
export class FrameBatch {
  readonly #ctx: StrategyContext;
  readonly #capacity: number;
  readonly #sampleSize: number;
  readonly #pool: BufferPool;
  #buffer: Float32Array | null = null;
  #frames: number[] = [];

  constructor(ctx: StrategyContext, capacity: number) {
    this.#ctx = ctx;
    this.#capacity = capacity;
    this.#sampleSize = 3 * ctx.packer.planeSize;
    this.#pool = new BufferPool(capacity * this.#sampleSize);
  }

  get empty(): boolean {
    return this.#frames.length === 0;
  }

  get full(): boolean {
    return this.#frames.length === this.#capacity;
  }

  add(frame: FrameInput): void {
    const buffer = (this.#buffer ??= this.#pool.take());
    const offset = this.#frames.length * this.#sampleSize;
    const { packer, timer } = this.#ctx;
    timer.timeSync('preprocess', () => packer.pack(frame.data, buffer, offset, packer.planeSize));
    this.#frames.push(frame.index);
  }

  /** The collected samples (padded with the last one up to `padTo` when given), or null when empty. */
  take(padTo?: number): TakenBatch | null {
    const buffer = this.#buffer;
    const frames = this.#frames;
    if (!buffer || frames.length === 0) return null;
    this.#buffer = null;
    this.#frames = [];
    const count = padTo ?? frames.length;
    padWithLastSample(buffer, frames.length, count, this.#sampleSize);
    const data = count * this.#sampleSize === buffer.length ? buffer : buffer.subarray(0, count * this.#sampleSize);
    return { frames, data, count };
  }

  /** Gives back the buffers the inference worker returned. */
  recycle(buffers: Iterable<Float32Array>): void {
    for (const buffer of buffers) this.#pool.give(buffer);
  }
}

import { BufferPool } from '../buffer-pool.js';
import { outputRows } from '../outputs.js';
import { isAnalysedFrame, nearestAnalysedFrame, StridedRows } from './strided.js';
import type { FrameInput, LabellingStrategy, StrategyContext } from './types.js';

/**
 * frame-classifier: each analysed frame is its own sample; frames are batched along N (a fixed
 * N is honoured by padding the last batch with its last frame and ignoring the padding's output).
 */
export class FramewiseStrategy implements LabellingStrategy {
  readonly decodeFrom: number;
  readonly decodeStride: number;
  readonly #ctx: StrategyContext;
  readonly #batch: number;
  /** Sample dims after N: [C, H, W], or [1, C, H, W] for NSCHW. */
  readonly #sampleDims: number[];
  readonly #sampleSize: number;
  readonly #pool: BufferPool;
  readonly #rows: StridedRows;
  #buffer: Float32Array | null = null;
  #frames: number[] = [];

  constructor(ctx: StrategyContext) {
    const { manifest, packer, stride, resumeFrom } = ctx;
    const rgb = manifest.inputs.rgb;
    this.#ctx = ctx;
    this.decodeFrom = nearestAnalysedFrame(resumeFrom, stride);
    this.decodeStride = stride;
    const fixedBatch = rgb.shape[0];
    this.#batch = typeof fixedBatch === 'number' ? fixedBatch : ctx.batchSize;
    this.#sampleDims = rgb.layout === 'NSCHW' ? [1, 3, packer.height, packer.width] : [3, packer.height, packer.width];
    this.#sampleSize = 3 * packer.planeSize;
    this.#pool = new BufferPool(this.#batch * this.#sampleSize);
    this.#rows = new StridedRows(stride, this.decodeFrom, ctx.emit);
  }

  async push(frame: FrameInput): Promise<void> {
    if (!isAnalysedFrame(frame.index, this.#ctx.stride, this.decodeFrom)) return;
    const buffer = (this.#buffer ??= this.#pool.take());
    const slot = this.#frames.length;
    this.#ctx.timer.timeSync('preprocess', () => this.#ctx.packer.pack(frame.data, buffer, slot * this.#sampleSize, this.#ctx.packer.planeSize));
    this.#frames.push(frame.index);
    if (this.#frames.length === this.#batch) await this.#flush();
  }

  async finish(totalFrames: number): Promise<void> {
    await this.#flush();
    await this.#ctx.lane.drain();
    this.#rows.finish(totalFrames);
  }

  async salvage(): Promise<void> {
    await this.#flush();
    await this.#ctx.lane.drain();
  }

  async #flush(): Promise<void> {
    const buffer = this.#buffer;
    const frames = this.#frames;
    if (!buffer || frames.length === 0) return;
    this.#buffer = null;
    this.#frames = [];
    const dynamic = typeof this.#ctx.manifest.inputs.rgb.shape[0] !== 'number';
    const count = dynamic ? frames.length : this.#batch;
    // A fixed batch is padded with copies of its last sample.
    for (let slot = frames.length; slot < count; slot++) buffer.copyWithin(slot * this.#sampleSize, (frames.length - 1) * this.#sampleSize, frames.length * this.#sampleSize);
    const { manifest, lane } = this.#ctx;
    const classCount = manifest.labels.length;
    const data = count * this.#sampleSize === buffer.length ? buffer : buffer.subarray(0, count * this.#sampleSize);
    await lane.submit(() => ({ [manifest.inputs.rgb.name]: { data, dims: [count, ...this.#sampleDims] } }), [manifest.output.name], (result) => {
      for (const returned of result.returned) this.#pool.give(returned);
      const probs = outputRows(result.outputs, manifest.output.name, count, classCount, manifest.output.kind);
      frames.forEach((frame, i) => this.#rows.analysed(frame, probs.subarray(i * classCount, (i + 1) * classCount)));
    });
  }
}

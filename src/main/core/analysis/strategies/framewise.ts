import { outputRows } from '../outputs.js';
import { FrameBatch } from './frame-batch.js';
import { firstFrameServedBy, isAnalysedFrame, StridedRows } from './strided.js';
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
  readonly #samples: FrameBatch;
  readonly #rows: StridedRows;

  constructor(ctx: StrategyContext) {
    const { manifest, packer, stride } = ctx;
    const rgb = manifest.inputs.rgb!;
    this.#ctx = ctx;
    this.decodeFrom = ctx.restart?.frame ?? 0;
    this.decodeStride = stride;
    const fixedBatch = rgb.shape[0];
    this.#batch = typeof fixedBatch === 'number' ? fixedBatch : ctx.batchSize;
    this.#sampleDims = rgb.layout === 'NSCHW' ? [1, 3, packer.height, packer.width] : [3, packer.height, packer.width];
    this.#samples = new FrameBatch(ctx, this.#batch);
    this.#rows = new StridedRows(stride, this.decodeFrom, ctx.emit);
  }

  async push(frame: FrameInput): Promise<void> {
    if (!isAnalysedFrame(frame.index, this.#ctx.stride, this.decodeFrom)) return;
    // Stateless: a batch's first frame is a restart point; its row serves the frames from firstFrameServedBy on.
    if (this.#samples.empty) this.#ctx.ledger.register(frame.index, firstFrameServedBy(frame.index, this.#ctx.stride), null);
    this.#samples.add(frame);
    if (this.#samples.full) await this.#flush();
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
    const dynamic = typeof this.#ctx.manifest.inputs.rgb!.shape[0] !== 'number';
    // A fixed batch is padded with copies of its last sample; the padding's outputs are ignored.
    const batch = this.#samples.take(dynamic ? undefined : this.#batch);
    if (!batch) return;
    const { frames, data, count } = batch;
    const { manifest, lane } = this.#ctx;
    const classCount = manifest.labels.length;
    await lane.submit(() => ({ [manifest.inputs.rgb!.name]: { data, dims: [count, ...this.#sampleDims] } }), [manifest.output.name], (result) => {
      this.#samples.recycle(result.returned);
      const probs = outputRows(result.outputs, manifest.output.name, count, classCount, manifest.output.kind);
      frames.forEach((frame, i) => this.#rows.analysed(frame, probs.subarray(i * classCount, (i + 1) * classCount)));
    });
  }
}

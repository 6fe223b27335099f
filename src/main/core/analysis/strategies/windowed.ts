import { AppError } from '../../../../shared/errors.js';
import type { Layout } from '../../../../shared/manifest.js';
import { BufferPool } from '../buffer-pool.js';
import { outputRows } from '../outputs.js';
import { WindowFlow } from './window-flow.js';
import { WindowMeans } from './window-means.js';
import {
  coverLead,
  coveredFrames,
  edgeWindows,
  regularWindowEndingAt,
  restartFirstRow,
  sampledFrames,
  windowGeometry,
  type WindowGeometry,
} from './window-plan.js';
import type { FrameInput, LabellingStrategy, StrategyContext } from './types.js';
import { padWithLastSample } from './frame-batch.js';

/** NCTHW and NMCTHW hold each channel's T frames together; NTCHW and NSCHW hold each frame's channels together. */
function channelsBeforeTime(layout: Layout): boolean {
  return layout === 'NCTHW' || layout === 'NMCTHW';
}

/** A clip batch's dims: NSCHW takes the T frames as segments; NMCTHW gets one (centre) crop per clip. */
function clipDims(layout: Layout, count: number, T: number, H: number, W: number): number[] {
  switch (layout) {
    case 'NCTHW':
      return [count, 3, T, H, W];
    case 'NMCTHW':
      return [count, 1, 3, T, H, W];
    default:
      return [count, T, 3, H, W]; // NTCHW, NSCHW
  }
}

/**
 * clip (3D-CNN, NCTHW / NTCHW / NMCTHW; a 2D model over segments, NSCHW) and two-stream (RGB of the window's centre frame + stacked flow
 * of its consecutive sampled pairs): sliding windows, each frame the mean of the windows that
 * cover it (window-plan.ts). Frames are preprocessed once into a ring of the last `span` frames
 * and copied into each window that samples them.
 */
export class WindowedStrategy implements LabellingStrategy {
  readonly decodeFrom: number;
  readonly decodeStride = 1;
  readonly #ctx: StrategyContext;
  readonly #g: WindowGeometry;
  readonly #batch: number;
  readonly #frameSize: number;
  readonly #ring: Float32Array[];
  readonly #rgbPool: BufferPool;
  readonly #rgbSampleSize: number;
  readonly #flow: WindowFlow | null;
  readonly #means: WindowMeans;
  #rgb: Float32Array | null = null;
  #pending: { start: number; covered: { start: number; end: number } }[] = [];

  constructor(ctx: StrategyContext) {
    const { manifest, packer } = ctx;
    if (!manifest.clip) throw new AppError('INVALID_ARGUMENT', `Model ${manifest.id} has no clip length and frame interval.`, { field: 'clip' });
    this.#ctx = ctx;
    this.#g = windowGeometry(manifest.clip, ctx.windowStride);
    this.decodeFrom = ctx.restart?.frame ?? 0;
    const fixedBatch = manifest.inputs.rgb!.shape[0];
    this.#batch = typeof fixedBatch === 'number' ? fixedBatch : ctx.batchSize;
    this.#frameSize = 3 * packer.planeSize;
    this.#ring = Array.from({ length: this.#g.span }, () => new Float32Array(this.#frameSize));
    const twoStream = manifest.family === 'two-stream';
    this.#rgbSampleSize = twoStream ? this.#frameSize : this.#g.length * this.#frameSize;
    this.#rgbPool = new BufferPool(this.#batch * this.#rgbSampleSize);
    this.#flow = twoStream ? new WindowFlow(manifest, this.#g, this.#batch, ctx) : null;
    // Windows outstanding at once: one batch being filled plus the lane's batches in flight (≤ 2), plus an edge window.
    this.#means = new WindowMeans(manifest.labels.length, this.#g.span + this.#g.stride * (4 * this.#batch + 4), this.decodeFrom, coverLead(this.#g), ctx.emit);
  }

  async push(frame: FrameInput): Promise<void> {
    if (frame.index < this.decodeFrom) return;
    const slot = this.#ring[frame.index % this.#g.span]!;
    this.#ctx.timer.timeSync('preprocess', () => this.#ctx.packer.pack(frame.data, slot, 0, this.#ctx.packer.planeSize));
    this.#flow?.addFrame(frame, this.decodeFrom);
    const start = regularWindowEndingAt(this.#g, frame.index);
    if (start !== null && start >= this.decodeFrom) await this.#schedule(start, Infinity);
  }

  async finish(totalFrames: number): Promise<void> {
    for (const start of edgeWindows(this.#g, totalFrames)) await this.#schedule(start, totalFrames);
    await this.#flush();
    await this.#ctx.lane.drain();
    this.#means.emitUpTo(totalFrames);
  }

  async salvage(): Promise<void> {
    await this.#flush();
    await this.#ctx.lane.drain();
  }

  async #schedule(start: number, totalFrames: number): Promise<void> {
    const b = this.#pending.length;
    // Stateless: a batch that starts with a regular window is a restart point (batches of regular windows run from decodeFrom, itself one).
    if (b === 0 && totalFrames === Infinity) this.#ctx.ledger.register(start, restartFirstRow(this.#g, start), null);
    const frames = sampledFrames(this.#g, start, totalFrames);
    const rgb = (this.#rgb ??= this.#rgbPool.take());
    const base = b * this.#rgbSampleSize;
    const plane = this.#ctx.packer.planeSize;
    if (this.#flow) {
      rgb.set(this.#ring[frames[Math.floor((frames.length - 1) / 2)]! % this.#g.span]!, base);
      await this.#flow.fillWindow(b, frames);
    } else if (channelsBeforeTime(this.#ctx.manifest.inputs.rgb!.layout)) {
      const T = this.#g.length;
      frames.forEach((frame, t) => {
        const source = this.#ring[frame % this.#g.span]!;
        for (let c = 0; c < 3; c++) rgb.set(source.subarray(c * plane, (c + 1) * plane), base + (c * T + t) * plane);
      });
    } else {
      frames.forEach((frame, t) => rgb.set(this.#ring[frame % this.#g.span]!, base + t * this.#frameSize));
    }
    this.#pending.push({ start, covered: coveredFrames(this.#g, start, totalFrames) });
    this.#means.scheduled(start);
    if (this.#pending.length === this.#batch) await this.#flush();
  }

  async #flush(): Promise<void> {
    const rgb = this.#rgb;
    const windows = this.#pending;
    if (!rgb || windows.length === 0) return;
    this.#rgb = null;
    this.#pending = [];
    const { manifest, lane, packer } = this.#ctx;
    const dynamic = typeof manifest.inputs.rgb!.shape[0] !== 'number';
    const count = dynamic ? windows.length : this.#batch;
    padWithLastSample(rgb, windows.length, count, this.#rgbSampleSize);
    const { height: H, width: W } = packer;
    const T = this.#g.length;
    const dims = this.#flow ? [count, 3, H, W] : clipDims(manifest.inputs.rgb!.layout, count, T, H, W);
    const feeds = { [manifest.inputs.rgb!.name]: { data: rgb.subarray(0, count * this.#rgbSampleSize), dims } };
    if (this.#flow) Object.assign(feeds, this.#flow.takeBatch(windows.length, count));
    const classCount = manifest.labels.length;
    await lane.submit(() => feeds, [manifest.output.name], (result) => {
      for (const returned of result.returned) {
        this.#rgbPool.give(returned);
        this.#flow?.recycle(returned);
      }
      const probs = outputRows(result.outputs, manifest.output.name, count, classCount, manifest.output.kind);
      windows.forEach((w, i) => this.#means.add(w.start, w.covered, probs.subarray(i * classCount, (i + 1) * classCount)));
    });
  }
}

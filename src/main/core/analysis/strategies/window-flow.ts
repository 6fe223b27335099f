import { AppError } from '../../../../shared/errors.js';
import type { ModelManifest } from '../../../../shared/manifest.js';
import { BufferPool } from '../buffer-pool.js';
import type { FlowComputer, FlowSpec } from '../flow/flow-computer.js';
import type { WireTensor } from '../../../../workers/inference/protocol.js';
import type { FrameInput, StrategyContext } from './types.js';
import type { WindowGeometry } from './window-plan.js';
import { padWithLastSample } from './frame-batch.js';

/**
 * The flow half of a two-stream window: the decoded frames (at the flow size, which the manifest
 * check makes the model's input size) kept in a ring by reference, the flow of each frame pair a
 * window needs requested as soon as its second frame is decoded (so a flow worker can run while
 * decoding goes on), and each window's pairs stacked as channels 2k (x) and 2k + 1 (y).
 */
export class WindowFlow {
  readonly #flow: FlowComputer;
  readonly #spec: FlowSpec;
  readonly #g: WindowGeometry;
  readonly #name: string;
  readonly #planeSize: number;
  readonly #sampleSize: number;
  readonly #ring: Uint8Array[];
  readonly #pool: BufferPool;
  /** Flow per frame pair, keyed `first:second`. */
  readonly #pairs = new Map<string, { first: number; flow: Promise<Float32Array> }>();
  readonly #timer: StrategyContext['timer'];
  #batch: Float32Array | null = null;

  constructor(manifest: ModelManifest, g: WindowGeometry, batch: number, ctx: StrategyContext) {
    if (!ctx.flow || !manifest.flow || !manifest.inputs.flow) throw new AppError('INVALID_ARGUMENT', `Model ${manifest.id} is two-stream but no optical flow is available.`);
    this.#flow = ctx.flow;
    this.#spec = manifest.flow;
    this.#g = g;
    this.#name = manifest.inputs.flow.name;
    this.#timer = ctx.timer;
    this.#planeSize = manifest.flow.width * manifest.flow.height;
    this.#sampleSize = 2 * manifest.flow.pairs * this.#planeSize;
    this.#ring = new Array<Uint8Array>(g.span);
    this.#pool = new BufferPool(batch * this.#sampleSize);
  }

  addFrame(frame: FrameInput, decodeFrom: number): void {
    // Decoded frames belong to their consumer, so keeping a reference is enough.
    this.#ring[frame.index % this.#g.span] = frame.data;
    const first = frame.index - this.#g.interval;
    if (first >= decodeFrom && this.#regularWindowsNeed(first, decodeFrom)) this.#pair(first, frame.index);
  }

  /** Stacks the flow of the window's consecutive sampled frames into batch slot `slot`. */
  async fillWindow(slot: number, frames: number[]): Promise<void> {
    const batch = (this.#batch ??= this.#pool.take());
    for (let k = 0; k + 1 < frames.length; k++) {
      const flow = await this.#timer.time('flowWait', () => this.#pair(frames[k]!, frames[k + 1]!));
      batch.set(flow, slot * this.#sampleSize + 2 * k * this.#planeSize);
    }
    // Later windows start after this one, so pairs before it are done with.
    for (const [key, pair] of this.#pairs) if (pair.first < frames[0]!) this.#pairs.delete(key);
  }

  /** The flow feed for the windows filled so far, padded to `count` samples. */
  takeBatch(filled: number, count: number): Record<string, WireTensor> {
    const batch = this.#batch!;
    this.#batch = null;
    padWithLastSample(batch, filled, count, this.#sampleSize);
    const { pairs, height, width } = this.#spec;
    return { [this.#name]: { data: batch.subarray(0, count * this.#sampleSize), dims: [count, 2 * pairs, height, width] } };
  }

  recycle(buffer: Float32Array): void {
    this.#pool.give(buffer);
  }

  #pair(first: number, second: number): Promise<Float32Array> {
    const key = `${first}:${second}`;
    const known = this.#pairs.get(key);
    if (known) return known.flow;
    const flow = this.#flow.compute(this.#ring[first % this.#g.span]!, this.#ring[second % this.#g.span]!);
    flow.catch(() => undefined); // awaited by fillWindow; a window that never comes must not leave it unhandled
    this.#pairs.set(key, { first, flow });
    return flow;
  }

  /** Whether some regular window starting at or after decodeFrom samples `first` and the frame after it. */
  #regularWindowsNeed(first: number, decodeFrom: number): boolean {
    const { interval, stride, length } = this.#g;
    for (let k = 0; k + 1 < length; k++) {
      const start = first - k * interval;
      if (start >= decodeFrom && start % stride === 0) return true;
    }
    return false;
  }
}

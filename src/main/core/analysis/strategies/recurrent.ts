import { AppError } from '../../../../shared/errors.js';
import { recurrentChunkFrames } from '../../models/feed-geometry.js';
import { outputRows } from '../outputs.js';
import { FrameBatch } from './frame-batch.js';
import { packState, unpackState } from './resume-ledger.js';
import { firstFrameServedBy, isAnalysedFrame, StridedRows } from './strided.js';
import type { FrameInput, LabellingStrategy, StrategyContext } from './types.js';

/**
 * recurrent (CNN+LSTM/GRU): the video streams through in chunks of T frames (NTCHW, N = 1); the
 * state outputs of one chunk are the state inputs of the next, so every label depends only on
 * the frames before it (causal). One chunk is in flight at a time because the next needs its
 * state, but the next chunk is decoded and packed while the current one runs. Each chunk's end is
 * a restart point stored with its state, so a resumed run continues exactly ([Note: exact resume]).
 */
export class RecurrentStrategy implements LabellingStrategy {
  readonly decodeFrom: number;
  readonly decodeStride: number;
  readonly #ctx: StrategyContext;
  readonly #chunk: number;
  readonly #fixedChunk: boolean;
  readonly #samples: FrameBatch;
  readonly #rows: StridedRows;
  /** Current state per state input name (zeros before the first chunk). */
  #state: Map<string, Float32Array>;

  constructor(ctx: StrategyContext) {
    const { manifest, stride, restart } = ctx;
    this.#ctx = ctx;
    this.decodeFrom = restart?.frame ?? 0;
    this.decodeStride = stride;
    this.#fixedChunk = typeof manifest.inputs.rgb!.shape[1] === 'number';
    this.#chunk = recurrentChunkFrames(manifest, ctx.chunkFrames);
    this.#samples = new FrameBatch(ctx, this.#chunk);
    this.#rows = new StridedRows(stride, this.decodeFrom, ctx.emit);
    const states = manifest.inputs.state ?? [];
    const sizes = states.map((s) => s.shape.reduce((a, b) => a * b, 1));
    const restored = restart?.state ? unpackState(restart.state, sizes) : sizes.map((size) => new Float32Array(size));
    if (!restored) throw new AppError('INVALID_ARGUMENT', `The stored state to resume ${manifest.id} from frame ${this.decodeFrom} does not fit the model's state inputs.`, { field: 'state' });
    this.#state = new Map(states.map((s, i) => [s.input, restored[i]!]));
    ctx.ledger.register(this.decodeFrom, firstFrameServedBy(this.decodeFrom, stride), restart?.state ?? null);
  }

  async push(frame: FrameInput): Promise<void> {
    if (!isAnalysedFrame(frame.index, this.#ctx.stride, this.decodeFrom)) return;
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
    // A fixed-length last chunk is padded with its last frame; the padding's outputs (and the
    // state after it) are never used, because it only happens at the end of the video.
    const chunk = this.#samples.take(this.#fixedChunk ? this.#chunk : undefined);
    if (!chunk) return;
    const { frames, data, count } = chunk;
    const { manifest, packer, lane, stride, ledger } = this.#ctx;
    const states = manifest.inputs.state ?? [];
    const classCount = manifest.labels.length;
    const buildFeeds = () => {
      const feeds: Record<string, { data: Float32Array; dims: number[] }> = {
        [manifest.inputs.rgb!.name]: { data, dims: [1, count, 3, packer.height, packer.width] },
      };
      for (const s of states) feeds[s.input] = { data: this.#state.get(s.input)!, dims: [...s.shape] };
      return feeds;
    };
    await lane.submit(buildFeeds, [manifest.output.name, ...states.map((s) => s.output)], (result) => {
      this.#samples.recycle(result.returned);
      for (const s of states) this.#state.set(s.input, result.outputs[s.output]!.data);
      // The next chunk starts at the next analysed frame; its state is copied now, before the next request transfers it away.
      const next = frames.at(-1)! + stride;
      ledger.register(next, firstFrameServedBy(next, stride), states.length > 0 ? packState(states.map((s) => this.#state.get(s.input)!)) : null);
      const probs = outputRows(result.outputs, manifest.output.name, count, classCount, manifest.output.kind);
      frames.forEach((frame, t) => this.#rows.analysed(frame, probs.subarray(t * classCount, (t + 1) * classCount)));
    });
  }
}

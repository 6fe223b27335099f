import { outputRows } from '../outputs.js';
import { FrameBatch } from './frame-batch.js';
import { isAnalysedFrame, nearestAnalysedFrame, StridedRows } from './strided.js';
import type { FrameInput, LabellingStrategy, StrategyContext } from './types.js';

/**
 * Analysed frames a resumed recurrent run replays, from zero state, before the first frame it
 * stores. See [Note: recurrent resume] in ./index.ts.
 */
export const RECURRENT_WARMUP_FRAMES = 64;

/**
 * recurrent (CNN+LSTM/GRU): the video streams through in chunks of T frames (NTCHW, N = 1); the
 * state outputs of one chunk are the state inputs of the next, so every label depends only on
 * the frames before it (causal). One chunk is in flight at a time because the next needs its
 * state, but the next chunk is decoded and packed while the current one runs.
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
    const { manifest, stride, resumeFrom } = ctx;
    this.#ctx = ctx;
    const resumeAt = nearestAnalysedFrame(resumeFrom, stride);
    this.decodeFrom = resumeFrom === 0 ? 0 : Math.max(0, resumeAt - RECURRENT_WARMUP_FRAMES * stride);
    this.decodeStride = stride;
    const time = manifest.inputs.rgb.shape[1];
    this.#fixedChunk = typeof time === 'number';
    this.#chunk = typeof time === 'number' ? time : ctx.chunkFrames;
    this.#samples = new FrameBatch(ctx, this.#chunk);
    this.#rows = new StridedRows(stride, this.decodeFrom, ctx.emit);
    this.#state = new Map((manifest.inputs.state ?? []).map((s) => [s.input, new Float32Array(s.shape.reduce((a, b) => a * b, 1))]));
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
    const { manifest, packer, lane } = this.#ctx;
    const states = manifest.inputs.state ?? [];
    const classCount = manifest.labels.length;
    const buildFeeds = () => {
      const feeds: Record<string, { data: Float32Array; dims: number[] }> = {
        [manifest.inputs.rgb.name]: { data, dims: [1, count, 3, packer.height, packer.width] },
      };
      for (const s of states) feeds[s.input] = { data: this.#state.get(s.input)!, dims: [...s.shape] };
      return feeds;
    };
    await lane.submit(buildFeeds, [manifest.output.name, ...states.map((s) => s.output)], (result) => {
      this.#samples.recycle(result.returned);
      for (const s of states) this.#state.set(s.input, result.outputs[s.output]!.data);
      const probs = outputRows(result.outputs, manifest.output.name, count, classCount, manifest.output.kind);
      frames.forEach((frame, t) => this.#rows.analysed(frame, probs.subarray(t * classCount, (t + 1) * classCount)));
    });
  }
}

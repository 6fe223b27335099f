/**
 * One tracked person through a skeleton model, fed their keypoints block by block as the pose run
 * is read ([Note: streamed people] in ../keypoint-analysis.ts), computing exactly what
 * [Note: skeleton models] in keypoint.ts describes for the whole track at once: the same batches,
 * chunks and windows, because the track's length is known before its first frame arrives. Only the
 * frames a later batch, chunk or window still needs are kept.
 */
import type { ModelManifest } from '../../../../shared/manifest.js';
import { KEYPOINT_COUNT } from '../../../../shared/pose.js';
import type { WireTensor } from '../../../../workers/inference/protocol.js';
import { outputRows } from '../outputs.js';
import { CLIP_BATCH, CLIP_STRIDE, FRAME_BATCH, FRAME_VALUES, RECURRENT_CHUNK, type RunModel } from './keypoint.js';

/** Growable rows of `width` floats for track-relative indices [start, end); the front can be dropped. */
export class RowBuffer {
  #data: Float32Array;
  #start = 0;
  #end = 0;

  constructor(readonly width: number, capacityRows = 64) {
    this.#data = new Float32Array(width * capacityRows);
  }

  get start(): number {
    return this.#start;
  }

  get end(): number {
    return this.#end;
  }

  push(values: ArrayLike<number>): void {
    const used = (this.#end - this.#start) * this.width;
    if (used + values.length > this.#data.length) {
      const grown = new Float32Array(Math.max(this.#data.length * 2, used + values.length));
      grown.set(this.#data.subarray(0, used));
      this.#data = grown;
    }
    this.#data.set(values, used);
    this.#end += values.length / this.width;
  }

  /** Rows [from, to), a view valid until the next push or drop. */
  rows(from: number, to: number): Float32Array {
    if (from < this.#start || to > this.#end) throw new Error(`rows ${from}..${to} are not held (${this.#start}..${this.#end})`);
    return this.#data.subarray((from - this.#start) * this.width, (to - this.#start) * this.width);
  }

  /** Forgets the rows before `index`. */
  dropBefore(index: number): void {
    const drop = Math.min(index, this.#end) - this.#start;
    if (drop <= 0) return;
    this.#data.copyWithin(0, drop * this.width, (this.#end - this.#start) * this.width);
    this.#start += drop;
  }
}

/** Probabilities for the person's track-relative frames [from, from + probs.length / classes). */
export type ProbsSink = (from: number, probs: Float32Array) => void;

export class PersonRunner {
  readonly #manifest: ModelManifest;
  readonly #run: RunModel;
  readonly #fps: number;
  readonly #classes: number;
  /** Keypoints received and still needed. */
  readonly #input = new RowBuffer(FRAME_VALUES);
  /** Frames with probabilities handed to the sink. */
  #done = 0;
  /** Recurrent: the carried state; clip: windows computed. */
  #state: Record<string, WireTensor> | null = null;
  #windows = 0;

  /** `frameCount`: the track's length, known from the pose run before its first frame is fed. */
  constructor(manifest: ModelManifest, run: RunModel, fps: number, readonly frameCount: number) {
    if (!manifest.inputs.keypoints) throw new Error(`Model "${manifest.id}" is not a skeleton model.`);
    this.#manifest = manifest;
    this.#run = run;
    this.#fps = fps;
    this.#classes = manifest.labels.length;
  }

  get received(): number {
    return this.#input.end;
  }

  /** Input frames held now (bounded by a batch, chunk or windows' reach, never by the track's length). */
  get held(): number {
    return this.#input.end - this.#input.start;
  }

  /** Frames whose probabilities are final. */
  get done(): number {
    return this.#done;
  }

  /** One frame's FRAME_VALUES keypoint values, in track order. */
  push(values: ArrayLike<number>): void {
    if (this.#input.end >= this.frameCount) throw new Error('more frames than the track holds');
    this.#input.push(values);
  }

  /** Computes every batch, chunk or window the frames received so far complete. */
  async advance(sink: ProbsSink): Promise<void> {
    const family = this.#manifest.family;
    if (family === 'frame-classifier') return this.#advanceFrames(sink);
    if (family === 'recurrent') return this.#advanceRecurrent(sink);
    return this.#advanceClip(sink);
  }

  get #complete(): boolean {
    return this.#input.end === this.frameCount;
  }

  #fpsFeed(count: number): Record<string, WireTensor> {
    const fps = this.#manifest.inputs.fps;
    return fps ? { [fps.name]: { data: new Float32Array(count).fill(this.#fps), dims: [count] } } : {};
  }

  async #rows(feeds: Record<string, WireTensor>, count: number, fetch: string[] = []) {
    const { output } = this.#manifest;
    const outputs = await this.#run(feeds, [output.name, ...fetch]);
    return { probs: outputRows(outputs, output.name, count, this.#classes, output.kind), outputs };
  }

  get #inputName(): string {
    return this.#manifest.inputs.keypoints!.name;
  }

  async #advanceFrames(sink: ProbsSink): Promise<void> {
    while (this.#input.end - this.#done >= FRAME_BATCH || (this.#complete && this.#done < this.frameCount)) {
      const count = Math.min(FRAME_BATCH, this.#input.end - this.#done);
      const data = this.#input.rows(this.#done, this.#done + count).slice();
      const { probs } = await this.#rows({ [this.#inputName]: { data, dims: [count, KEYPOINT_COUNT, 3] }, ...this.#fpsFeed(count) }, count);
      sink(this.#done, probs);
      this.#done += count;
      this.#input.dropBefore(this.#done);
    }
  }

  async #advanceRecurrent(sink: ProbsSink): Promise<void> {
    const states = this.#manifest.inputs.state ?? [];
    this.#state ??= Object.fromEntries(states.map((s) => [s.input, { data: new Float32Array(s.shape.reduce((a, b) => a * b, 1)), dims: [...s.shape] }]));
    while (this.#input.end - this.#done >= RECURRENT_CHUNK || (this.#complete && this.#done < this.frameCount)) {
      const count = Math.min(RECURRENT_CHUNK, this.#input.end - this.#done);
      const data = this.#input.rows(this.#done, this.#done + count).slice();
      const feeds = { [this.#inputName]: { data, dims: [1, count, KEYPOINT_COUNT, 3] }, ...this.#fpsFeed(1), ...this.#state };
      const { probs, outputs } = await this.#rows(feeds, count, states.map((s) => s.output));
      this.#state = Object.fromEntries(states.map((s) => [s.input, { data: outputs[s.output]!.data, dims: [...s.shape] }]));
      sink(this.#done, probs);
      this.#done += count;
      this.#input.dropBefore(this.#done);
    }
  }

  /**
   * Window w ends at frame firstEnd + w·CLIP_STRIDE (counted back from the last frame, so the last
   * frame has its own window); frame t takes window max(0, floor((t − firstEnd) / CLIP_STRIDE)).
   */
  async #advanceClip(sink: ProbsSink): Promise<void> {
    const length = this.#manifest.clip?.length ?? 32;
    const n = this.frameCount;
    const firstEnd = (n - 1) % CLIP_STRIDE;
    const total = Math.floor((n - 1) / CLIP_STRIDE) + 1;
    const endOf = (w: number): number => firstEnd + w * CLIP_STRIDE;
    while (this.#windows < total) {
      const count = Math.min(CLIP_BATCH, total - this.#windows);
      if (endOf(this.#windows + count - 1) >= this.#input.end) return; // its last window's frames have not all arrived
      const data = new Float32Array(count * length * FRAME_VALUES);
      for (let b = 0; b < count; b++) {
        const end = endOf(this.#windows + b);
        for (let k = 0; k < length; k++) {
          const f = Math.max(0, end - length + 1 + k);
          data.set(this.#input.rows(f, f + 1), (b * length + k) * FRAME_VALUES);
        }
      }
      const { probs } = await this.#rows({ [this.#inputName]: { data, dims: [count, length, KEYPOINT_COUNT, 3] }, ...this.#fpsFeed(count) }, count);
      this.#windows += count;
      // Frames up to the next window's end (exclusive) now have their window; the rest wait for theirs.
      const finalTo = this.#windows < total ? endOf(this.#windows) : n;
      const out = new Float32Array((finalTo - this.#done) * this.#classes);
      const firstWindow = this.#windows - count;
      for (let t = this.#done; t < finalTo; t++) {
        const w = Math.max(0, Math.floor((t - firstEnd) / CLIP_STRIDE)) - firstWindow;
        out.set(probs.subarray(w * this.#classes, (w + 1) * this.#classes), (t - this.#done) * this.#classes);
      }
      sink(this.#done, out);
      this.#done = finalTo;
      // The next window reaches back length − 1 frames (the first frame repeats before the start, so keep frame 0 until then).
      this.#input.dropBefore(this.#windows < total ? Math.max(0, endOf(this.#windows) - length + 1) : n);
    }
  }
}

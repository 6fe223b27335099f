import type { PoseFrame } from '../../../shared/pose.js';
import { AppError } from '../../../shared/errors.js';
import type { Store } from '../store/index.js';

export interface PoseWriterOptions {
  /** Frames per committed chunk. */
  chunkFrames?: number;
  /** A chunk is committed after this long even when not full, so a slow run still makes resumable progress. */
  maxDelayMs?: number;
  onCommit?: (framesDone: number) => void;
}

/**
 * Collects pose frames into chunks and commits each with the estimator's state after its last
 * frame and the run's frames_done, in one transaction: what is stored, the progress and the state
 * a resume restores always agree (see PredictionWriter for the probabilities' twin).
 */
export class PoseWriter {
  readonly #store: Store;
  readonly #runId: number;
  readonly #chunkFrames: number;
  readonly #maxDelayMs: number;
  readonly #onCommit: ((framesDone: number) => void) | undefined;
  #buffer: PoseFrame[] = [];
  #committed: number;
  #lastCommit = performance.now();

  constructor(store: Store, runId: number, firstFrame: number, options: PoseWriterOptions = {}) {
    this.#store = store;
    this.#runId = runId;
    this.#committed = firstFrame;
    this.#chunkFrames = options.chunkFrames ?? 256;
    this.#maxDelayMs = options.maxDelayMs ?? 2000;
    this.#onCommit = options.onCommit;
  }

  /** Frames committed (0 … framesDone − 1). */
  get framesDone(): number {
    return this.#committed;
  }

  /** The frame `write` expects next. */
  get nextFrame(): number {
    return this.#committed + this.#buffer.length;
  }

  /** Adds the next frame; `state` is read only when the chunk is committed (after this frame). */
  write(frame: PoseFrame, state: () => Uint8Array): void {
    const expected = this.nextFrame;
    if (frame.frame !== expected) throw new AppError('INTERNAL', `run ${this.#runId}: poses of frame ${frame.frame} arrived, expected frame ${expected}`);
    this.#buffer.push(frame);
    if (this.#buffer.length >= this.#chunkFrames || performance.now() - this.#lastCommit >= this.#maxDelayMs) this.flush(state());
  }

  /** Commits the buffered frames with the estimator's state after the last of them. */
  flush(state: Uint8Array | null): void {
    if (this.#buffer.length === 0) return;
    const start = this.#committed;
    const end = start + this.#buffer.length;
    const frames = this.#buffer;
    this.#store.transaction(() => {
      this.#store.poses.appendChunk(this.#runId, start, frames, state);
      this.#store.runs.updateProgress(this.#runId, end);
    });
    this.#committed = end;
    this.#buffer = [];
    this.#lastCommit = performance.now();
    this.#onCommit?.(end);
  }
}

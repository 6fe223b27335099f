import { AppError } from '../../../shared/errors.js';
import type { FrameGap, ResumePoint, Store } from '../store/index.js';
import type { FrameClock } from './frame-clock.js';
import type { StageTimer } from './stage-timer.js';
import type { ResumeLedger } from './strategies/resume-ledger.js';

export interface PredictionWriterOptions {
  /** Frames per stored chunk. */
  chunkFrames?: number;
  /** A chunk is committed after this long even when not full, so a slow model still makes resumable progress. */
  maxDelayMs?: number;
  /** After each commit, with the number of frames now stored. */
  onCommit?: (framesDone: number) => void;
  /** Commit time is counted as the `store` stage. */
  timer?: StageTimer;
  /** The frames' presentation times, stored with each chunk (see FrameClock). */
  clock?: FrameClock;
  /** Restart points, the latest usable one stored with each chunk (see [Note: exact resume]). */
  ledger?: ResumeLedger;
  /**
   * Takes each chunk instead of the store (a headless worker sends it to its coordinator, see
   * core/scaleout). Called synchronously; `probs` is reused after it returns, so copy it.
   */
  commit?: (chunk: CommittedChunk) => void;
}

/** One chunk as committed: rows [start, end), their times, the restart point after them and their gaps. */
export interface CommittedChunk {
  start: number;
  end: number;
  probs: Float32Array;
  times: Float64Array | null;
  resume: ResumePoint | null;
  gaps: FrameGap[];
}

/**
 * Collects rows into chunks and commits each chunk together with the run's frames_done in one
 * transaction, so the stored progress never runs ahead of (or behind) the stored probabilities
 * and a resumed run continues exactly after the last committed frame, from the restart point
 * stored in the same row.
 */
export class PredictionWriter {
  readonly #store: Store | null;
  readonly #commit: ((chunk: CommittedChunk) => void) | undefined;
  readonly #runId: number;
  readonly #classCount: number;
  readonly #chunkFrames: number;
  readonly #maxDelayMs: number;
  readonly #onCommit: ((framesDone: number) => void) | undefined;
  readonly #timer: StageTimer | undefined;
  readonly #clock: FrameClock | undefined;
  readonly #ledger: ResumeLedger | undefined;
  readonly #buffer: Float32Array;
  #committed: number;
  #buffered = 0;
  /** Undecodable frames not yet committed (see [Note: damaged frames] in pipeline.ts). */
  readonly #gaps = new Set<number>();
  #gapFrames = 0;
  #lastCommit = performance.now();

  constructor(store: Store | null, runId: number, classCount: number, firstFrame: number, options: PredictionWriterOptions = {}) {
    this.#store = store;
    this.#runId = runId;
    this.#classCount = classCount;
    this.#chunkFrames = options.chunkFrames ?? 256;
    this.#maxDelayMs = options.maxDelayMs ?? 2000;
    this.#onCommit = options.onCommit;
    this.#timer = options.timer;
    this.#clock = options.clock;
    this.#ledger = options.ledger;
    this.#commit = options.commit;
    this.#buffer = new Float32Array(this.#chunkFrames * classCount);
    this.#committed = firstFrame;
  }

  /** Frames stored so far (rows 0 … framesDone − 1). */
  get framesDone(): number {
    return this.#committed;
  }

  /** Frames stored as gaps by this writer (a resumed run's earlier ones not included). */
  get gapFrames(): number {
    return this.#gapFrames;
  }

  /** Frame `frame` could not be decoded: its row, when it comes, is stored as no label (zeros) and the frame as a gap. */
  readonly markGap = (frame: number): void => {
    if (frame >= this.#committed) this.#gaps.add(frame);
  };

  /** A RowSink: rows before the first frame (a resumed run's replay) are ignored. */
  readonly write = (frame: number, row: Float32Array): void => {
    const expected = this.#committed + this.#buffered;
    if (frame < this.#committed) return;
    if (frame !== expected) throw new AppError('INTERNAL', `run ${this.#runId}: row for frame ${frame} arrived, expected frame ${expected}`);
    const at = this.#buffered * this.#classCount;
    if (this.#gaps.has(frame)) this.#buffer.fill(0, at, at + this.#classCount);
    else this.#buffer.set(row.subarray(0, this.#classCount), at);
    this.#buffered += 1;
    if (this.#buffered === this.#chunkFrames || performance.now() - this.#lastCommit >= this.#maxDelayMs) this.flush();
  };

  /** Commits the buffered rows, if any. */
  flush(): void {
    if (this.#buffered === 0) return;
    const start = this.#committed;
    const end = start + this.#buffered;
    const probs = this.#buffer.subarray(0, this.#buffered * this.#classCount);
    const times = this.#clock?.times(start, this.#buffered) ?? null;
    const resume = this.#ledger?.pointFor(end) ?? null;
    const gaps = this.#takeGaps(start, end);
    const commit = () => (this.#commit ? this.#commit({ start, end, probs, times, resume, gaps }) : storeChunk(this.#store!, this.#runId, this.#classCount, { start, end, probs, times, resume, gaps }));
    if (this.#timer) this.#timer.timeSync('store', commit);
    else commit();
    this.#committed = end;
    this.#buffered = 0;
    this.#clock?.forgetBefore(end);
    this.#lastCommit = performance.now();
    this.#onCommit?.(end);
  }

  /** The gap frames within [start, end) as ranges, forgotten here. */
  #takeGaps(start: number, end: number): FrameGap[] {
    const ranges: FrameGap[] = [];
    for (const frame of [...this.#gaps].filter((f) => f >= start && f < end).sort((a, b) => a - b)) {
      this.#gaps.delete(frame);
      this.#gapFrames += 1;
      const last = ranges.at(-1);
      if (last && last.startFrame + last.frameCount === frame) last.frameCount += 1;
      else ranges.push({ startFrame: frame, frameCount: 1 });
    }
    return ranges;
  }
}

/** A chunk, its gaps and the run's progress in one transaction (what a coordinator does with a worker's chunk too). */
export function storeChunk(store: Store, runId: number, classCount: number, { start, end, probs, times, resume, gaps }: CommittedChunk): void {
  store.transaction(() => {
    store.predictions.appendChunk(runId, start, probs, classCount, 'u16q', times, resume);
    if (gaps.length > 0) store.predictions.appendGaps(runId, gaps);
    store.runs.updateProgress(runId, end);
  });
}

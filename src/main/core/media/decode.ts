import path from 'node:path';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { VideoProbe } from '../../../shared/media.js';
import { resolveBinary } from './binaries.js';
import { buildDecodeArgs } from './decode-args.js';
import {
  resolveDecodeOptions,
  type DecodedFrame,
  type DecodeOptions,
  type DecodeSummary,
  type FrameStream,
  type ResolvedDecodeOptions,
} from './decode-options.js';
import { FfmpegLog } from './ffmpeg-log.js';
import { FrameAssembler } from './frame-assembler.js';
import { FrameIndexer } from './frame-indexer.js';
import { spawnMediaProcess, terminate, waitForClose, type ChildExit } from './jobs.js';
import { probeVideo } from './probe.js';

/*
 * ffmpeg is spawned with child_process rather than fluent-ffmpeg: fluent-ffmpeg first runs
 * capability checks (extra ffmpeg processes outside the job registry), owns the stdout pipe and
 * parses stderr itself, whereas the hot path here needs the raw stdout with backpressure and
 * each showinfo line as it arrives.
 */

/**
 * Streams RGB24 frames at the requested size. Nothing is decoded until iteration starts; a slow
 * consumer makes ffmpeg wait on the pipe, so memory stays at a few frames whatever the video length.
 * Probes the file first, so bad input fails with the same codes as probeVideo.
 */
export function decodeFrames(file: string, options: DecodeOptions): FrameStream {
  return new DecodeSession(file, options);
}

type EndedBy = DecodeSummary['endedBy'];

class DecodeSession implements FrameStream {
  readonly done: Promise<DecodeSummary>;
  readonly #file: string;
  readonly #options: DecodeOptions;
  readonly #resolved: ResolvedDecodeOptions;
  readonly #cancelController = new AbortController();
  readonly #signal: AbortSignal;
  #settle: { resolve: (summary: DecodeSummary) => void; reject: (error: AppError) => void } | null = null;
  #iterator: AsyncGenerator<DecodedFrame, void> | null = null;
  #probe: VideoProbe | null = null;
  #delivered = 0;
  #lastIndex: number | null = null;
  #usedHwaccel = false;
  #exit: ChildExit = { code: null, signal: null };
  #totalFrames: number | null = null;
  #damaged = false;
  #backlog: () => number = () => 0;

  constructor(file: string, options: DecodeOptions) {
    this.#file = file;
    this.#options = options;
    this.#resolved = resolveDecodeOptions(options);
    const own = this.#cancelController.signal;
    this.#signal = options.signal ? AbortSignal.any([options.signal, own]) : own;
    this.done = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    // The iterator throws the same error; a caller that ignores `done` must not get an unhandled rejection.
    this.done.catch(() => undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<DecodedFrame> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  cancel(): void {
    this.#cancelController.abort();
    if (this.#iterator === null) this.#finish(this.#cancelledError());
  }

  backlog(): number {
    return this.#backlog();
  }

  async *#run(): AsyncGenerator<DecodedFrame, void> {
    let endedBy: EndedBy = 'consumer';
    try {
      endedBy = yield* this.#decode();
    } catch (error) {
      const appError = isAppError(error) ? error : unexpected(this.#file, error);
      this.#finish(appError);
      throw appError;
    } finally {
      this.#finish(endedBy);
    }
  }

  async *#decode(): AsyncGenerator<DecodedFrame, EndedBy> {
    this.#throwIfCancelled();
    const probe = this.#options.probe ?? (await probeVideo(this.#file, { signal: this.#signal, countFrames: 'never' }));
    this.#probe = probe;
    if (this.#resolved.hwaccel === 'auto') {
      try {
        this.#usedHwaccel = true;
        return yield* this.#attempt(probe, true);
      } catch (error) {
        if (!isAppError(error, 'DECODE_FAILED') || this.#delivered > 0) throw error;
        this.#usedHwaccel = false;
        this.#options.onNotice?.(`Hardware decoding of "${this.#file}" failed (${error.message}); decoding in software instead.`);
      }
    }
    return yield* this.#attempt(probe, false);
  }

  /** One ffmpeg run: pairs each W*H*3-byte frame on stdout with its showinfo line on stderr. */
  async *#attempt(probe: VideoProbe, hwaccel: boolean): AsyncGenerator<DecodedFrame, 'end' | 'maxFrames'> {
    const options = this.#resolved;
    const { width, height, stride, startTime } = options;
    const binary = resolveBinary('ffmpeg').path;
    const args = buildDecodeArgs({ options, file: probe.file, hwaccel });
    const child = spawnMediaProcess(binary, args, `decode ${path.basename(this.#file)}`);
    const closed = waitForClose(child, binary);
    closed.catch(() => undefined); // awaited below unless we stop early
    const log = new FfmpegLog(child.stderr);
    const assembler = new FrameAssembler(width * height * 3);
    const frameTimes = this.#options.frameTimes ?? null;
    if (frameTimes && stride !== 1) throw new AppError('INVALID_ARGUMENT', 'Decode option "frameTimes" needs stride 1.', { field: 'frameTimes' });
    const indexer = new FrameIndexer({ stride, targetFps: options.targetFps, startTime, fps: probe.video.fps, frameTimes });
    let outputFrames = 0;
    let lastPts = Number.NaN;
    this.#backlog = () => log.framesLogged - outputFrames;
    const stopOnCancel = (): void => void terminate(child);
    this.#signal.addEventListener('abort', stopOnCancel, { once: true });
    const completed: Buffer[] = [];
    try {
      reading: for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        assembler.push(chunk, completed);
        for (const data of completed) {
          let filePts = log.takePts();
          while (filePts === undefined && !log.ended) {
            await log.changed();
            filePts = log.takePts();
          }
          // Seconds from the file's start, after a seek too (see [Note: seek timestamps] in decode-args.ts).
          const pts = filePts !== undefined && Number.isFinite(filePts) ? filePts : guessNextPts(lastPts, stride, probe, startTime);
          lastPts = pts;
          const index = indexer.next(pts);
          outputFrames += 1;
          if (index === null) continue;
          this.#throwIfCancelled();
          this.#delivered += 1;
          this.#lastIndex = index;
          this.#reportProgress(pts, probe);
          yield { index, pts, width, height, data };
          if (this.#delivered === options.maxFrames) break reading;
        }
        completed.length = 0;
      }
      if (this.#delivered === options.maxFrames) return 'maxFrames';
      const exit = await closed;
      this.#throwIfCancelled();
      // With frame times, frames ffmpeg skipped are gaps the consumer sees: only a decode that yields nothing fails.
      const expected = frameTimes ? (startTime > 0 ? 0 : 1) : minimumExpectedFrames(probe, options);
      const reason = failureReason(exit, log, outputFrames, expected);
      if (reason !== null) throw decodeFailed(this.#file, indexer, reason);
      this.#totalFrames = indexer.totalFrames();
      this.#damaged = log.lastError !== null;
      return 'end';
    } catch (error) {
      // Killing ffmpeg on cancel ends stdout early ("premature close"): report the cancel instead.
      this.#throwIfCancelled();
      throw error;
    } finally {
      this.#signal.removeEventListener('abort', stopOnCancel);
      await terminate(child);
      this.#exit = { code: child.exitCode, signal: child.signalCode };
    }
  }

  #reportProgress(ptsSec: number, probe: VideoProbe): void {
    const onProgress = this.#options.onProgress;
    if (!onProgress) return;
    const { startTime, maxFrames } = this.#resolved;
    const durationSec = probe.durationSec > 0 ? probe.durationSec : null;
    const span = durationSec === null ? null : durationSec - startTime;
    let fraction = span === null ? null : span > 0 ? clamp01((ptsSec - startTime) / span) : 1;
    if (maxFrames !== null) fraction = Math.max(fraction ?? 0, this.#delivered / maxFrames);
    onProgress({ framesDone: this.#delivered, ptsSec, durationSec, fraction });
  }

  #throwIfCancelled(): void {
    if (this.#signal.aborted) throw this.#cancelledError();
  }

  #cancelledError(): AppError {
    return new AppError('CANCELLED', `Decoding "${this.#file}" was cancelled.`, { file: this.#file });
  }

  #finish(outcome: AppError | EndedBy): void {
    const settle = this.#settle;
    if (settle === null) return;
    this.#settle = null;
    if (outcome instanceof AppError) return settle.reject(outcome);
    // Every path that ends without an error has probed first (frames come only after the probe).
    if (this.#probe === null) return settle.reject(unexpected(this.#file, new Error('ended before probing')));
    settle.resolve({
      frames: this.#delivered,
      lastIndex: this.#lastIndex,
      endedBy: outcome,
      hwaccel: this.#usedHwaccel,
      exitCode: this.#exit.code,
      exitSignal: this.#exit.signal,
      probe: this.#probe,
      totalFrames: this.#totalFrames,
      damaged: this.#damaged,
    });
  }
}

/**
 * Frames ffmpeg should output for the requested range (less slack where the count is only an
 * estimate or a seek rounds). Only consulted when ffmpeg logged errors but still exited 0.
 */
function minimumExpectedFrames(probe: VideoProbe, { startTime, stride }: ResolvedDecodeOptions): number {
  const { frameCount, frameCountSource, fps } = probe.video;
  const remaining = Math.max(0, frameCount - (startTime > 0 ? Math.round(startTime * fps) : 0));
  const estimateSlack = frameCountSource === 'estimate' ? Math.max(2, Math.ceil(remaining * 0.02)) : 0;
  const seekSlack = startTime > 0 ? 1 : 0;
  return Math.ceil(Math.max(0, remaining - estimateSlack - seekSlack) / stride);
}

function failureReason(exit: ChildExit, log: FfmpegLog, outputFrames: number, expectedFrames: number): string | null {
  if (exit.code !== 0) return log.lastError ?? `ffmpeg exited with ${exit.signal ?? `code ${exit.code}`}`;
  if (outputFrames === 0 && expectedFrames > 0) return log.lastError ?? 'ffmpeg ended without a frame';
  // Exit 0 with errors logged: a damaged or cut-off file that ffmpeg decoded as far as it could.
  if (log.lastError !== null && outputFrames < expectedFrames) return log.lastError;
  return null;
}

function decodeFailed(file: string, indexer: FrameIndexer, reason: string): AppError {
  const { firstIndex, lastIndex } = indexer;
  if (lastIndex === null) return new AppError('DECODE_FAILED', `Decoding "${file}" failed: no frame could be decoded (ffmpeg: ${reason}).`, { file });
  return new AppError('DECODE_FAILED', `Decoding "${file}" failed: decoded frames ${firstIndex}..${lastIndex}; then: ${reason}`, { file });
}

/** Only when ffmpeg printed no pts for a frame: assume the nominal frame interval. */
function guessNextPts(lastPts: number, stride: number, probe: VideoProbe, startTime: number): number {
  const interval = probe.video.fps > 0 ? stride / probe.video.fps : 0;
  return Number.isFinite(lastPts) ? lastPts + interval : startTime;
}

function unexpected(file: string, error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `Decoding "${file}" failed unexpectedly: ${message}`, { file, cause: error });
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

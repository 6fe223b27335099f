import type { SamplingOptions } from '../../../shared/analysis.js';
import { isAppError } from '../../../shared/errors.js';
import type { VideoProbe } from '../../../shared/media.js';
import { rgbParts } from '../../../shared/manifest.js';
import type { InferenceWorker } from '../../../workers/inference/client.js';
import { decodeFrames } from '../media/index.js';
import type { RegisteredModel } from '../models/index.js';
import type { FlowComputer } from './flow/flow-computer.js';
import type { FrameClock } from './frame-clock.js';
import { InferenceLane } from './inference-lane.js';
import { FramePacker, planDecode } from './preprocess.js';
import { planResumeSeek } from './resume-seek.js';
import type { StageTimer } from './stage-timer.js';
import { createStrategy, DEFAULT_BATCH_SIZE, DEFAULT_CHUNK_FRAMES, maxInFlightFor, ResumeLedger, type ResumePoint, type RowSink } from './strategies/index.js';

export interface AnalyseVideoOptions {
  file: string;
  probe: VideoProbe;
  model: RegisteredModel;
  worker: InferenceWorker;
  sampling: SamplingOptions;
  hwaccel: boolean;
  /** Told each delivered frame's presentation time. */
  clock?: FrameClock;
  /** Follow a growing file until it has not grown for this many seconds (null: as it is now). */
  followIdleSec?: number | null;
  /** Rows before this frame are already stored. */
  resumeFrom: number;
  /** Where a resumed run restarts (stored with its last chunk); null: from frame 0. */
  restart?: ResumePoint | null;
  /** Told each exact restart point as the strategy reaches it (the PredictionWriter stores them). */
  ledger?: ResumeLedger;
  flow: FlowComputer | null;
  signal: AbortSignal;
  timer: StageTimer;
  /** Every frame's row from resumeFrom on, in order. */
  onRow: RowSink;
  /** After each decoded frame (progress). */
  onFrame?: (index: number) => void;
  onNotice?: (message: string) => void;
  /**
   * Every frame's presentation time from the container (videoFrameTimes; null when following a
   * growing file or unreadable): frames ffmpeg cannot decode are then gaps, not a failure.
   */
  frameTimes?: readonly number[] | null;
  /** A frame ffmpeg could not decode (at or after decodeFrom): the model saw a black frame in its place; its row is no label. */
  onGap?: (frame: number) => void;
  batchSize?: number;
  chunkFrames?: number;
}

export interface AnalyseVideoResult {
  frameCount: number;
  hwaccelUsed: boolean;
}

/**
 * One video through one model: decode (ffmpeg, in its own process) → preprocess (here) →
 * inference (worker thread) → rows. The stages overlap and are bounded at every step (see
 * InferenceLane), so memory does not grow with the video. When decoding fails part-way, the
 * frames already decoded are still labelled and handed on before the error is rethrown.
 */
export async function analyseVideo(o: AnalyseVideoOptions): Promise<AnalyseVideoResult> {
  const { manifest } = o.model;
  const { preprocess } = rgbParts(manifest);
  const plan = planDecode(preprocess, { width: o.probe.video.displayWidth, height: o.probe.video.displayHeight });
  const lane = new InferenceLane(o.worker, maxInFlightFor(manifest.family), o.timer);
  const strategy = createStrategy({
    manifest,
    packer: new FramePacker(preprocess, plan),
    lane,
    timer: o.timer,
    emit: o.onRow,
    resumeFrom: o.resumeFrom,
    restart: o.restart ?? null,
    ledger: o.ledger ?? new ResumeLedger(),
    batchSize: o.batchSize ?? DEFAULT_BATCH_SIZE,
    chunkFrames: o.chunkFrames ?? DEFAULT_CHUNK_FRAMES,
    stride: o.sampling.stride,
    windowStride: o.sampling.windowStride,
    flow: o.flow,
  });
  const fromStart = strategy.decodeFrom === 0;
  const frameTimes = o.followIdleSec ? null : (o.frameTimes ?? null);
  // ffmpeg can drop the frames a strided model skips only when it numbers them from frame 0 and
  // no frame is missing (frames are then found by pts among all of them).
  const ffmpegStride = fromStart && !frameTimes ? strategy.decodeStride : 1;
  const seek = fromStart ? { startTime: 0 } : await planResumeSeek(o.file, o.probe, strategy.decodeFrom, o.signal);
  const stream = decodeFrames(o.file, {
    width: plan.width,
    height: plan.height,
    interpolation: plan.interpolation,
    stride: ffmpegStride,
    startTime: seek.startTime,
    hwaccel: o.hwaccel ? 'auto' : 'none',
    ...(o.followIdleSec ? { follow: { idleSec: o.followIdleSec } } : {}),
    ...(frameTimes ? { frameTimes } : {}),
    probe: o.probe,
    signal: o.signal,
    onNotice: o.onNotice,
  });
  let lastIndex = -1;
  // [Note: damaged frames] A frame ffmpeg cannot decode is pushed as a black frame (deterministic,
  // so a resumed run computes what an uninterrupted one did) and reported as a gap: its row is
  // stored as no label, and the models' windows and chunks keep their shape.
  let nextIndex = strategy.decodeFrom;
  const fillGapsUpTo = async (end: number) => {
    for (; nextIndex < end; nextIndex++) {
      o.onGap?.(nextIndex);
      await strategy.push({ index: nextIndex, data: new Uint8Array(plan.width * plan.height * 3) });
    }
  };
  const frames = stream[Symbol.asyncIterator]();
  let decoding = true;
  try {
    for (;;) {
      const next = await o.timer.time('decodeWait', () => frames.next());
      if (next.done) {
        decoding = false;
        break;
      }
      const { index, data, pts } = next.value;
      if (frameTimes && index >= strategy.decodeFrom) {
        await fillGapsUpTo(index);
        nextIndex = index + 1;
      }
      lastIndex = index;
      // Only the frames a decode from the start delivers (ffmpeg's stride), so that a resumed run's
      // interpolated times are those of an uninterrupted one.
      if (index % strategy.decodeStride === 0) o.clock?.record(index, pts);
      await strategy.push({ index, data });
      o.onFrame?.(index);
    }
  } catch (error) {
    // Frames before a damaged part are worth keeping; after a cancel or a model failure, nothing more is run.
    if (isAppError(error, 'DECODE_FAILED')) await strategy.salvage().catch(() => undefined);
    else await lane.settle();
    throw error;
  } finally {
    // A failure after ffmpeg started (strategy, writer, progress callback) must not leave it
    // blocked on its pipe: end the decode generator, which terminates the process.
    if (decoding) {
      stream.cancel();
      await frames.return?.().catch(() => undefined);
    }
  }
  const summary = await stream.done;
  let frameCount = Math.max(o.resumeFrom, summary.totalFrames ?? totalFrameCount(o.probe, lastIndex, ffmpegStride));
  // A file cut short lists only the packets it still holds; its index (an MP4's) still counts the lost ones: gaps at the end.
  if (frameTimes && summary.damaged && o.probe.video.frameCountSource === 'container') frameCount = Math.max(frameCount, o.probe.video.frameCount);
  if (frameTimes && lastIndex >= 0) await fillGapsUpTo(frameCount);
  await strategy.finish(frameCount);
  return { frameCount, hwaccelUsed: summary.hwaccel };
}

/**
 * The video's frame count once decoding is over. Every frame was seen unless ffmpeg skipped
 * frames for a stride; then up to stride − 1 frames may follow the last one seen, and the
 * container's count (when it is not an estimate) says how many.
 */
export function totalFrameCount(probe: VideoProbe, lastIndex: number, ffmpegStride: number): number {
  const seen = lastIndex + 1;
  if (seen === 0) return 0;
  if (ffmpegStride === 1 || probe.video.frameCountSource === 'estimate') return seen;
  return Math.min(Math.max(probe.video.frameCount, seen), lastIndex + ffmpegStride);
}

/** Reading and deriving what a stored run holds: segments from probabilities, copies, lookups by identity. */
import type { PostprocessOptions, Segment } from '../../../shared/analysis.js';
import { AppError } from '../../../shared/errors.js';
import { actionRunParams } from '../../../shared/run-params.js';
import type { RunRecord, Store, VideoRecord } from '../store/index.js';
import { deriveSegments } from './postprocess/index.js';
import { gapLookup } from './gaps.js';
import { usableFps } from '../../../shared/media.js';

/** Seconds per frame for a video; frame f starts at f / fps (the stream's average rate). */
export function frameRate(video: VideoRecord): number {
  return usableFps(video.probe.video.fps);
}

/** Segments of the run's stored frames [0, frameCount) with the given post-processing. */
export function deriveRunSegments(store: Store, runId: number, labels: readonly string[], fps: number, frameCount: number, postprocess: PostprocessOptions): Segment[] {
  return deriveRunSegmentsBetween(store, runId, labels, fps, 0, frameCount, postprocess);
}

/**
 * Segments of the stored frames [from, to) alone, as if the run began at `from` (frame numbers and
 * times stay the run's). A tail re-derived this way may differ from the whole run's near `from`
 * (smoothing, hysteresis and minimum durations look across it): see live-segments.ts.
 */
export function deriveRunSegmentsBetween(store: Store, runId: number, labels: readonly string[], fps: number, from: number, to: number, postprocess: PostprocessOptions): Segment[] {
  const range = store.predictions.readRange(runId, from, to);
  if (range.frameCount === 0) return [];
  const clock = runClock(store, runId, fps, range.frameCount, from);
  const isGap = gapLookup(store.predictions.gaps(runId));
  const segments = deriveSegments(range.probs, { frameCount: range.frameCount, classCount: labels.length, labels, ...clock, postprocess, isGap: (frame) => isGap(from + frame) });
  return from === 0 ? segments : segments.map((segment) => ({ ...segment, startFrame: segment.startFrame + from, endFrame: segment.endFrame + from }));
}

/**
 * When each stored frame starts, and when the last one ends: the decoder's presentation times
 * stored with the chunks, or frame / fps for runs stored before times were kept.
 */
export function runClock(store: Store, runId: number, fps: number, frameCount: number, from = 0): { frameTimes: (frame: number) => number; endTime: number } {
  const times = store.predictions.readTimes(runId, from, from + frameCount);
  if (!times || times.length < frameCount) return { frameTimes: (frame) => (from + frame) / fps, endTime: (from + frameCount) / fps };
  const last = times[frameCount - 1]!;
  const lastDuration = frameCount > 1 && times[frameCount - 2]! < last ? last - times[frameCount - 2]! : 1 / fps;
  return { frameTimes: (frame) => times[frame]!, endTime: last + lastDuration };
}

export function storeRunSegments(store: Store, runId: number, segments: readonly Segment[]): void {
  store.segments.replaceForRun(runId, segments);
}

/** The run's post-processing options as it was created with them (an action run's; a pose run has none). */
export function runPostprocess(run: RunRecord): PostprocessOptions {
  const params = actionRunParams(run.params);
  if (!params) throw new AppError('INVALID_ARGUMENT', `Run ${run.id} is a pose run: it has no action segments to derive.`, { field: 'runId' });
  return params.postprocess;
}

/**
 * Copies a completed run's probabilities into a new run (same model, sampling and video content;
 * other post-processing), chunk by chunk so memory stays bounded.
 */
export function copyProbabilities(store: Store, fromRunId: number, toRunId: number, frameCount: number, classCount: number, chunkFrames = 4096): void {
  for (let start = 0; start < frameCount; start += chunkFrames) {
    const range = store.predictions.readRange(fromRunId, start, Math.min(frameCount, start + chunkFrames));
    store.transaction(() => {
      store.predictions.appendChunk(toRunId, start, range.probs, classCount, 'u16q', store.predictions.readTimes(fromRunId, start, start + range.frameCount));
      if (start === 0) store.predictions.appendGaps(toRunId, store.predictions.gaps(fromRunId));
      store.runs.updateProgress(toRunId, start + range.frameCount);
    });
  }
}

/** A completed run of the same content whose probabilities this request can reuse. */
export function findProbabilitiesSource(store: Store, video: VideoRecord, probabilitiesKey: string): RunRecord | undefined {
  for (const copy of store.videos.findByFingerprint(video.fingerprint)) {
    const found = store.runs
      .listForVideo(copy.id)
      .reverse()
      .find((run) => run.status === 'completed' && actionRunParams(run.params)?.probabilitiesKey === probabilitiesKey);
    if (found) return found;
  }
  return undefined;
}

/**
 * A run of this exact work left `queued` by an interrupted process, or `cancelled` (Ctrl-C, a
 * cancel in the UI): it resumes from its last committed chunk. The newest such run wins.
 */
export function findResumable(store: Store, videoId: number, paramsHash: string): RunRecord | undefined {
  return store.runs
    .listForVideo(videoId)
    .reverse()
    .find((run) => run.paramsHash === paramsHash && (run.status === 'queued' || run.status === 'cancelled' || failedForLackOfStore(run)));
}

/** A run that failed because the database could not take more (full disk, locked): its committed chunks are good, so it resumes. */
function failedForLackOfStore(run: RunRecord): boolean {
  return run.status === 'failed' && run.error?.code === 'DB_ERROR';
}

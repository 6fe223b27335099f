/**
 * A pose job: one video through the pose estimator to a stored pose run. It plugs into the
 * analysis job queue (a JobInput with `pose` settings), so progress, cancel, ownership (heartbeat)
 * and resume behave as they do for action runs.
 */
import { AppError, isAppError } from '../../../shared/errors.js';
import { POSE_MODELS, type PoseFrame, type PoseSettings } from '../../../shared/pose.js';
import type { JobInput, JobReport } from '../analysis/job-runner.js';
import { planResumeSeek } from '../analysis/resume-seek.js';
import { findResumable } from '../analysis/run-results.js';
import { recordRunStop } from '../analysis/job-stop.js';
import { currentOwner, describeOwner, HEARTBEAT_MS, isComputedElsewhere } from '../analysis/run-owner.js';
import { decodeFrames } from '../media/index.js';
import type { RunRecord, Store, VideoRecord } from '../store/index.js';
import type { CreatePoseEstimator, PoseEstimator } from './estimator-api.js';
import { DEFAULT_POSE_MODELS_DIR, hashPoseModels, poseDecodeSize, poseRunIdentity, registerPoseModel } from './pose-identity.js';
import { PoseWriter } from './pose-writer.js';
import { usableFps } from '../../../shared/media.js';

export interface PoseJobOptions {
  store: Store;
  /** The estimator factory (src/main/core/pose/estimator.ts in the app). */
  createEstimator: CreatePoseEstimator;
  /** Folder of the pose ONNX models; default models/pose. */
  modelsDir?: string;
  /** Frames per committed chunk (default 256). */
  commitFrames?: number;
}

/** Reuses an identical completed pose run, resumes an interrupted one from its last chunk and state, or computes a new one. */
export class PoseJobRunner {
  readonly #o: PoseJobOptions;

  constructor(options: PoseJobOptions) {
    this.#o = options;
  }

  async run({ video, request, pose }: JobInput, signal: AbortSignal, report: JobReport): Promise<RunRecord> {
    if (!pose) throw new AppError('INTERNAL', 'A pose job needs pose settings.');
    const { store } = this.#o;
    const modelsDir = this.#o.modelsDir ?? DEFAULT_POSE_MODELS_DIR;
    const { params, paramsHash } = poseRunIdentity(pose, await hashPoseModels(modelsDir), video.fingerprint);
    const own = store.runs.listForVideo(video.id).reverse().find((r) => r.status === 'completed' && r.paramsHash === paramsHash);
    if (own) {
      report.run(own, 'reused', null);
      return own;
    }
    // Another copy of the same content (same fingerprint, so the same hash): its poses are this video's.
    const other = store.runs.findCompleted(paramsHash);
    if (other) return copyPoseRun(store, video, other, request.provider, report);
    const estimator = await this.#o.createEstimator({ settings: pose, provider: request.provider, modelsDir });
    let run: RunRecord | null = null;
    let heartbeat: NodeJS.Timeout | undefined;
    const started = performance.now();
    try {
      const live = store.runs.running().find((r) => r.videoId === video.id && r.paramsHash === paramsHash && isComputedElsewhere(r));
      if (live) throw new AppError('ALREADY_RUNNING', `Pose run ${live.id} on this video is being computed by ${describeOwner(live.owner!)}; wait for it or cancel it there.`);
      const modelId = registerPoseModel(store, pose, modelsDir, params.modelsSha256);
      const resumable = findResumable(store, video.id, paramsHash);
      const frameCount = video.probe.video.frameCount;
      run = resumable ?? store.runs.create({ videoId: video.id, modelId, params, paramsHash, provider: request.provider, frameCount, alignment: 'frame', labels: null });
      const resumeFrom = store.poses.lastCommittedFrame(run.id) + 1;
      const state = resumeFrom > 0 ? store.poses.lastState(run.id) : null;
      if (state) estimator.restore(state);
      else if (resumeFrom > 0) throw new AppError('INTERNAL', `Pose run ${run.id} has frames stored but no tracking state to resume from.`);
      report.run(run, resumable ? 'resumed' : 'fresh', resumable ? resumeFrom : null);
      const owner = currentOwner();
      const provider = estimator.provider;
      for (const notice of estimator.notices) report.notice(notice);
      run = store.runs.markRunning(run.id, { providerUsed: provider, owner, frameCount: frameCount ?? undefined });
      report.started({ provider, threads: { intraOp: 1, interOp: 1 }, frameCount: run.frameCount });
      const runId = run.id;
      heartbeat = setInterval(() => tryQuietly(() => store.runs.heartbeat(runId, owner)), HEARTBEAT_MS);
      heartbeat.unref();
      const writer = new PoseWriter(store, runId, resumeFrom, { chunkFrames: this.#o.commitFrames });
      try {
        await estimateVideo(video, resumeFrom, estimator, writer, request.hwaccel, signal, (framesDone) => report.progress(framesDone, run!.frameCount), report.notice);
        writer.flush(estimator.snapshot());
        report.progress(writer.framesDone, writer.framesDone);
        return store.runs.markCompleted(runId, { timings: { total: Math.round(performance.now() - started) }, framesDone: writer.framesDone });
      } catch (error) {
        // Keep every frame already estimated (before a damaged part, or a cancel) with the state after it.
        if (!isAppError(error, 'DB_ERROR')) tryQuietly(() => writer.flush(estimator.snapshot()));
        throw error;
      }
    } catch (error) {
      const timings = { total: Math.round(performance.now() - started) };
      if (run) recordRunStop(store, run.id, error, signal, timings);
      throw error;
    } finally {
      clearInterval(heartbeat);
      await estimator.close().catch(() => undefined);
    }
  }
}

/** A new completed run of `video` holding the poses of `source`, a completed run of the same work on a copy of the same content. */
function copyPoseRun(store: Store, video: VideoRecord, source: RunRecord, provider: string, report: JobReport): RunRecord {
  const started = performance.now();
  const run = store.runs.create({ videoId: video.id, modelId: source.modelId, params: source.params, paramsHash: source.paramsHash, provider, frameCount: source.framesDone, alignment: source.alignment, labels: null });
  report.run(run, 'reused', null);
  store.runs.markRunning(run.id, { providerUsed: source.providerUsed ?? 'cpu', frameCount: source.framesDone });
  try {
    const frames = store.transaction(() => {
      const copied = store.poses.copyRun(source.id, run.id);
      store.runs.updateProgress(run.id, copied);
      return copied;
    });
    return store.runs.markCompleted(run.id, { timings: { copiedFromRun: source.id, total: Math.round(performance.now() - started) }, framesDone: frames });
  } catch (error) {
    tryQuietly(() => store.runs.markFailed(run.id, error));
    throw error;
  }
}

/**
 * Decodes the video from `resumeFrom` (seeking when it can, see planResumeSeek) at the pose decode
 * size and hands each frame's people, in displayed-video pixels, to the writer. Frames the decoder
 * skips (a damaged stretch) are stored as frames with nobody, so stored frames stay contiguous.
 */
async function estimateVideo(video: VideoRecord, resumeFrom: number, estimator: PoseEstimator, writer: PoseWriter, hwaccel: boolean, signal: AbortSignal, progress: (framesDone: number) => void, notice: (message: string) => void): Promise<void> {
  const { displayWidth, displayHeight } = video.probe.video;
  const size = poseDecodeSize(displayWidth, displayHeight);
  const seek = resumeFrom === 0 ? { startTime: 0 } : await planResumeSeek(video.path, video.probe, resumeFrom, signal);
  const stream = decodeFrames(video.path, { width: size.width, height: size.height, startTime: seek.startTime, hwaccel: hwaccel ? 'auto' : 'none', probe: video.probe, signal, onNotice: notice });
  const frameDuration = 1 / usableFps(video.probe.video.fps);
  let lastTime = Number.NaN;
  for await (const decoded of stream) {
    if (decoded.index < resumeFrom) continue;
    if (signal.aborted) throw new AppError('CANCELLED', 'The pose run was cancelled.');
    for (let missing = writer.nextFrame; missing < decoded.index; missing++) {
      const time = Number.isFinite(lastTime) ? lastTime + frameDuration : decoded.pts - (decoded.index - missing) * frameDuration;
      writer.write({ frame: missing, time, people: [] }, () => estimator.snapshot());
      lastTime = time;
    }
    // The decoded frame owns its ArrayBuffer and is not used again here: hand it to the worker rather than copy it.
    const estimated = await estimator.estimate({ frame: decoded.index, time: decoded.pts, width: decoded.width, height: decoded.height, rgb: decoded.data }, { transfer: true });
    writer.write(toDisplayPixels(estimated, decoded.index, decoded.pts, size.scaleX, size.scaleY), () => estimator.snapshot());
    lastTime = decoded.pts;
    progress(decoded.index + 1);
  }
  await stream.done;
}

function toDisplayPixels(frame: PoseFrame, index: number, time: number, sx: number, sy: number): PoseFrame {
  const people = frame.people.map((person) => {
    const keypoints = Float32Array.from(person.keypoints, (v, i) => (i % 3 === 0 ? v * sx : i % 3 === 1 ? v * sy : v));
    const { x, y, width, height } = person.box;
    return { ...person, box: { x: x * sx, y: y * sy, width: width * sx, height: height * sy }, keypoints };
  });
  return { frame: index, time, people };
}

function tryQuietly(work: () => unknown): void {
  try {
    work();
  } catch {
    // The original error is the one worth reporting.
  }
}

/** Pose settings for a job, checked: a clear error naming the field. */
export function checkPoseSettings(settings: PoseSettings): PoseSettings {
  if (!(POSE_MODELS as readonly string[]).includes(settings.model)) {
    throw new AppError('INVALID_ARGUMENT', `model: expected one of ${POSE_MODELS.join(', ')}, found "${settings.model}".`, { field: 'model' });
  }
  if (!Number.isInteger(settings.maxPeople) || settings.maxPeople < 1 || settings.maxPeople > 64) {
    throw new AppError('INVALID_ARGUMENT', `maxPeople: expected an integer from 1 to 64, found ${settings.maxPeople}.`, { field: 'maxPeople' });
  }
  if (!(settings.minPersonScore >= 0 && settings.minPersonScore <= 1)) {
    throw new AppError('INVALID_ARGUMENT', `minPersonScore: expected a number from 0 to 1, found ${settings.minPersonScore}.`, { field: 'minPersonScore' });
  }
  return { model: settings.model, maxPeople: settings.maxPeople, minPersonScore: settings.minPersonScore };
}

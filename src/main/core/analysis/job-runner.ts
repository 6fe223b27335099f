import os from 'node:os';
import type { AnalysisRequest } from '../../../shared/analysis.js';
import type { RunSegmentsUpdate } from '../../../shared/engine.js';
import type { PoseSettings } from '../../../shared/pose.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { isSkeletonModel } from '../../../shared/manifest.js';
import { InferenceWorker } from '../../../workers/inference/client.js';
import type { ThreadCounts } from '../../../shared/onnx.js';
import { videoFrameTimes } from '../media/frame-times.js';
import { graphMismatches, type ModelRegistry, type RegisteredModel } from '../models/index.js';
import type { RunRecord, Store, VideoRecord } from '../store/index.js';
import { openFarnebackFlow, type FlowComputer, type FlowSpec } from './flow/flow-computer.js';
import { log } from '../log/logger.js';
import { LiveSegments } from './live-segments.js';
import { analyseKeypoints } from './keypoint-analysis.js';
import { analyseVideo } from './pipeline.js';
import { PredictionWriter } from './prediction-writer.js';
import type { ActionRunParams, SkeletonPoseStage } from '../../../shared/run-params.js';
import { runIdentity } from './run-identity.js';
import { copyProbabilities, deriveRunSegments, findProbabilitiesSource, findResumable, frameRate, storeRunSegments } from './run-results.js';
import { StageTimer } from './stage-timer.js';
import { FrameClock } from './frame-clock.js';
import { currentOwner, describeOwner, HEARTBEAT_MS, isComputedElsewhere } from './run-owner.js';
import { alignmentFor, ResumeLedger } from './strategies/index.js';
import { recordRunStop } from './job-stop.js';

export interface JobRunnerOptions {
  store: Store;
  models: ModelRegistry;
  /** Default: intraOp = cores − 1 (at least 1, at most 4; ffmpeg needs a core too), interOp = 1. */
  threads?: Partial<ThreadCounts>;
  /** Two-stream models' optical flow, opened per job and closed after it; default: Farneback (src/workers/flow). Null: none. */
  openFlow?: ((spec: FlowSpec) => Promise<FlowComputer>) | null;
  /** Re-derive and store the segments' tail at most this often while a run progresses (default 1000 ms; see LiveSegments). */
  segmentIntervalMs?: number;
  /** A running run's segments changed (the `runs.segmentsChanged` event). */
  onSegments?: (update: RunSegmentsUpdate) => void;
  /** Frames per committed chunk of probabilities (see PredictionWriter). */
  commitFrames?: number;
  batchSize?: number;
  /** Skeleton models: pose frames per streamed block (default 2048; see [Note: streamed people]). */
  keypointBlockFrames?: number;
  /**
   * Computes a run elsewhere (headless workers, see core/scaleout/coordinator.ts) or, through
   * `here`, in this process as without it; reuse and copies stay local either way.
   */
  compute?: (input: JobInput, signal: AbortSignal, report: JobReport, here: () => Promise<RunRecord>) => Promise<RunRecord>;
  /**
   * Skeleton models: the video's completed pose run, found or computed in this job (PoseJobRunner.run
   * directly, never through the queue: see [Note: pose runs for action models]). Without it a
   * skeleton model is refused.
   */
  poseRun?: (video: VideoRecord, request: AnalysisRequest, signal: AbortSignal, report: JobReport) => Promise<RunRecord>;
  /** Skeleton models: the pose stage `poseRun` uses, part of their run identity (see [Note: run identity]). */
  poseStage?: () => Promise<SkeletonPoseStage>;
}

export interface JobReport {
  /** The run the job works on, and whether it is new, resumed or reused. */
  run(run: RunRecord, origin: 'fresh' | 'resumed' | 'reused', resumedFromFrame: number | null): void;
  started(info: { provider: string; threads: ThreadCounts; frameCount: number | null }): void;
  progress(framesDone: number, frameCount: number | null): void;
  notice(message: string): void;
}

export interface JobInput {
  video: VideoRecord;
  request: AnalysisRequest;
  /** Set for a pose job (src/main/core/pose/pose-job.ts), which runs instead of the action model. */
  pose?: PoseSettings;
}

export function defaultThreads(): ThreadCounts {
  return { intraOp: Math.max(1, Math.min(4, os.availableParallelism() - 1)), interOp: 1 };
}

/**
 * Runs one video × model job to a stored run: reuses an identical completed run, copies the
 * probabilities of one that differs only in post-processing, resumes an interrupted one from
 * its last committed chunk, or computes a new one. The run ends completed, failed (with the
 * reason, keeping the frames already stored) or cancelled; the worker and ffmpeg never outlive it.
 */
export class JobRunner {
  readonly #o: JobRunnerOptions;

  constructor(options: JobRunnerOptions) {
    this.#o = options;
  }

  async run({ video, request }: JobInput, signal: AbortSignal, report: JobReport): Promise<RunRecord> {
    const { store } = this.#o;
    const model = await this.#o.models.get(request.modelId);
    const { params, paramsHash } = runIdentity(model, request, video.fingerprint, await this.poseStageOf(model));
    const done = store.runs.findCompleted(paramsHash);
    if (done && done.videoId === video.id) {
      report.run(done, 'reused', null);
      return done;
    }
    const source = findProbabilitiesSource(store, video, params.probabilitiesKey);
    if (source) return this.#copyRun(video, model, request, params, paramsHash, source, report);
    const here = () => this.#compute(video, model, request, params, paramsHash, signal, report);
    // A skeleton model reads this database's pose run, so it is computed here, not on a headless worker.
    return this.#o.compute && !isSkeletonModel(model.manifest) ? this.#o.compute({ video, request }, signal, report, here) : here();
  }

  #copyRun(video: VideoRecord, model: RegisteredModel, request: AnalysisRequest, params: ActionRunParams, paramsHash: string, source: RunRecord, report: JobReport): RunRecord {
    const { store } = this.#o;
    // What the source stored, not its frame_count (for runs completed before it was set to frames_done, the probe's possibly estimated count).
    const frameCount = source.framesDone;
    const started = performance.now();
    const run = store.runs.create({ videoId: video.id, modelId: model.summary.id, params, paramsHash, provider: request.provider, frameCount, alignment: source.alignment });
    report.run(run, 'reused', null);
    store.runs.markRunning(run.id, { providerUsed: source.providerUsed ?? 'cpu', threads: source.threads ?? undefined, frameCount });
    try {
      copyProbabilities(store, source.id, run.id, frameCount, model.manifest.labels.length);
      storeRunSegments(store, run.id, deriveRunSegments(store, run.id, model.manifest.labels, frameRate(video), frameCount, request.postprocess));
      return store.runs.markCompleted(run.id, { timings: { copiedFromRun: source.id, total: Math.round(performance.now() - started) }, framesDone: frameCount });
    } catch (error) {
      store.runs.markFailed(run.id, error);
      throw error;
    }
  }

  async #compute(video: VideoRecord, model: RegisteredModel, request: AnalysisRequest, params: ActionRunParams, paramsHash: string, signal: AbortSignal, report: JobReport): Promise<RunRecord> {
    const { store } = this.#o;
    const skeleton = isSkeletonModel(model.manifest);
    const poseStarted = performance.now();
    const poseRun = skeleton
      ? await this.#poseRun(video, model, request, signal, report).catch((error: unknown) => {
          // The run's track says why, as for a failure while labelling (the pose stage failed before the run existed).
          const run = findResumable(store, video.id, paramsHash) ?? replaceFailedRuns(store, video.id, paramsHash, () => store.runs.create({ videoId: video.id, modelId: model.summary.id, params, paramsHash, provider: request.provider, frameCount: video.probe.video.frameCount, alignment: alignmentFor(model.manifest, request.sampling), labels: model.manifest.labels }));
          report.run(run, 'fresh', null);
          recordRunStop(store, run.id, error, signal, { pose: Math.round(performance.now() - poseStarted) });
          throw error;
        })
      : null;
    // A skeleton run's time includes getting its pose run (reused: about nothing), so its fps is end to end.
    const poseMs = poseRun ? Math.round(performance.now() - poseStarted) : 0;
    const threads = { ...defaultThreads(), ...this.#o.threads };
    const { worker, model: loaded } = await InferenceWorker.start(model.modelFile, request.provider, threads);
    log().info({ worker: 'inference', model: model.summary.id, file: model.modelFile, provider: loaded.provider, threads: loaded.threads, video: video.path }, 'worker started');
    let flow: FlowComputer | null = null;
    let run: RunRecord | null = null;
    let heartbeat: NodeJS.Timeout | undefined;
    const timer = new StageTimer();
    const started = performance.now() - poseMs;
    const timings = () => ({ ...timer.totals(), ...(poseRun ? { pose: poseMs } : {}), total: Math.round(performance.now() - started) });
    try {
      const mismatches = graphMismatches(model.manifest, loaded);
      if (mismatches.length > 0) {
        throw new AppError('INVALID_ARGUMENT', `Model "${model.summary.id}": the graph in ${model.modelFile} does not match ${model.manifestFile}: ${mismatches.join('; ')}.`, { file: model.manifestFile });
      }
      for (const notice of loaded.notices) report.notice(notice);
      if (model.manifest.family === 'two-stream') flow = await this.#openFlow(model);
      refuseWorkOfLiveOwner(store, video.id, paramsHash);
      const resumable = findResumable(store, video.id, paramsHash);
      const alignment = alignmentFor(model.manifest, request.sampling);
      const labels = model.manifest.labels;
      // A followed recording grows: its frame count is known only at the end.
      const expectedFrames = poseRun ? poseRun.framesDone : request.followIdleSec ? null : video.probe.video.frameCount;
      run = resumable ?? replaceFailedRuns(store, video.id, paramsHash, () => store.runs.create({ videoId: video.id, modelId: model.summary.id, params, paramsHash, provider: request.provider, frameCount: expectedFrames, alignment, labels }));
      const resumeFrom = store.predictions.lastCommittedFrame(run.id) + 1;
      // Chunks stored before restart points were kept: recompute from frame 0 (exact, slower).
      const restart = resumeFrom === 0 ? null : (store.predictions.resumePoint(run.id) ?? { frame: 0, state: null });
      const ledger = new ResumeLedger();
      const frameTimes = request.followIdleSec || skeleton ? null : await videoFrameTimes(video.path, video.fingerprint).catch(() => null);
      report.run(run, resumable ? 'resumed' : 'fresh', resumable ? resumeFrom : null);
      const owner = currentOwner();
      run = store.runs.markRunning(run.id, { providerUsed: loaded.provider, threads: { ...loaded.threads }, frameCount: expectedFrames ?? undefined, owner });
      report.started({ provider: loaded.provider, threads: loaded.threads, frameCount: run.frameCount });
      const runId = run.id;
      heartbeat = setInterval(() => tryQuietly(() => store.runs.heartbeat(runId, owner)), HEARTBEAT_MS);
      heartbeat.unref();
      const fps = frameRate(video);
      const clock = new FrameClock(fps);
      const live = new LiveSegments(store, runId, labels, fps, request.postprocess, this.#o.onSegments ?? (() => undefined));
      let lastSegments = performance.now();
      const writer = new PredictionWriter(store, runId, labels.length, resumeFrom, {
        chunkFrames: this.#o.commitFrames,
        timer,
        clock,
        ledger,
        // Partial segments while running, for a timeline that fills in as the run goes.
        onCommit: (framesDone) => {
          if (performance.now() - lastSegments < (this.#o.segmentIntervalMs ?? 1000)) return;
          timer.timeSync('segments', () => live.commit(framesDone));
          lastSegments = performance.now();
        },
      });
      try {
        const result = poseRun
          ? await analyseKeypoints({ store, manifest: model.manifest, worker, poseRunId: poseRun.id, runId, fps, resumeFrom, ledger, clock, signal, blockFrames: this.#o.keypointBlockFrames, onRow: writer.write, onProgress: (done, total) => report.progress(done, total) })
          : await analyseVideo({
          file: video.path,
          probe: video.probe,
          model,
          worker,
          sampling: request.sampling,
          hwaccel: request.hwaccel,
          followIdleSec: request.followIdleSec ?? null,
          clock,
          resumeFrom,
          restart,
          ledger,
          flow,
          signal,
          timer,
          onRow: writer.write,
          onFrame: (index) => report.progress(index + 1, run!.frameCount),
          onNotice: (message) => report.notice(message),
          frameTimes,
          onGap: writer.markGap,
          batchSize: this.#o.batchSize,
        });
        writer.flush();
        const gapFrames = store.predictions.gaps(runId).reduce((n, gap) => n + gap.frameCount, 0);
        if (gapFrames > 0) report.notice(`${gapFrames} of ${result.frameCount} frames of "${video.path}" could not be decoded; they are stored as gaps (no label).`);
        timer.timeSync('segments', () => live.finish(result.frameCount));
        report.progress(result.frameCount, result.frameCount);
        return store.runs.markCompleted(runId, { timings: timings(), framesDone: result.frameCount });
      } catch (error) {
        // Keep every row already computed (frames before a decode failure, work before a cancel);
        // after a database error, more writes would only wait out the busy timeout again.
        if (!isAppError(error, 'DB_ERROR')) {
          tryQuietly(() => writer.flush());
          tryQuietly(() => live.finish(writer.framesDone));
        }
        throw error;
      }
    } catch (error) {
      if (run) recordRunStop(store, run.id, error, signal, timings());
      throw error;
    } finally {
      clearInterval(heartbeat);
      await Promise.allSettled([worker.close(), flow?.close()]);
    }
  }

  /** A skeleton model's pose stage (part of its run identity); undefined for other models. */
  async poseStageOf(model: RegisteredModel): Promise<SkeletonPoseStage | undefined> {
    if (!isSkeletonModel(model.manifest)) return undefined;
    if (!this.#o.poseStage) throw new AppError('INVALID_ARGUMENT', `Model "${model.summary.id}" is a skeleton model and needs a pose run, which this engine was started without.`);
    return this.#o.poseStage();
  }

  /** The pose run a skeleton model reads; the pose work reports its notices and progress through this job. */
  async #poseRun(video: VideoRecord, model: RegisteredModel, request: AnalysisRequest, signal: AbortSignal, report: JobReport): Promise<RunRecord> {
    if (!this.#o.poseRun) throw new AppError('INVALID_ARGUMENT', `Model "${model.summary.id}" is a skeleton model and needs a pose run, which this engine was started without.`);
    report.notice(`"${model.summary.id}" reads people's keypoints: finding or computing the pose run of "${video.path}" first.`);
    const quiet: JobReport = { run: () => undefined, started: () => undefined, progress: (done, total) => report.progress(done, total), notice: (message) => report.notice(message) };
    return this.#o.poseRun(video, request, signal, quiet);
  }

  async #openFlow(model: RegisteredModel): Promise<FlowComputer> {
    const open = this.#o.openFlow === undefined ? openFarnebackFlow : this.#o.openFlow;
    if (!open || !model.manifest.flow) throw new AppError('INVALID_ARGUMENT', `Model "${model.summary.id}" is two-stream and needs optical flow, which this engine was started without.`);
    return open(model.manifest.flow);
  }
}

/** Another process sharing the database is computing this very work: say so rather than compute it twice. */
function refuseWorkOfLiveOwner(store: Store, videoId: number, paramsHash: string): void {
  const live = store.runs.running().find((run) => run.videoId === videoId && run.paramsHash === paramsHash && isComputedElsewhere(run));
  if (live) throw new AppError('ALREADY_RUNNING', `Run ${live.id} of "${live.modelId}" on this video is being computed by ${describeOwner(live.owner!)}; wait for it or cancel it there.`);
}

/** A new attempt replaces the failed runs of the same work (with their rows), so failures do not pile up. */
function replaceFailedRuns(store: Store, videoId: number, paramsHash: string, create: () => RunRecord): RunRecord {
  return store.transaction(() => {
    for (const old of store.runs.listForVideo(videoId)) if (old.paramsHash === paramsHash && old.status === 'failed') store.runs.remove(old.id);
    return create();
  });
}

function tryQuietly(work: () => unknown): void {
  try {
    work();
  } catch {
    // The original error is the one worth reporting.
  }
}

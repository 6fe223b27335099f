import { analysisRequestSchema, type AnalysisRequest, type PostprocessOptions, type Segment } from '../../../shared/analysis.js';
import type { AnalysisProgress, FrameGap, JobSummary, PersonLane, ProbabilitySeries, RunSegmentsUpdate, RunSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import type { ModelRegistry, RegisteredModel } from '../models/index.js';
import type { RunRecord, Store, VideoRecord } from '../store/index.js';
import { JobQueue } from './job-queue.js';
import { JobRunner, type JobReport, type JobRunnerOptions } from './job-runner.js';
import { reduceProbabilities } from './probability-series.js';
import { personLanes } from './person-lanes.js';
import { deriveRunSegments, frameRate, runPostprocess } from './run-results.js';
import { runIdentity } from './run-identity.js';
import { describeOwner, isComputedElsewhere, isOrphaned } from './run-owner.js';
import { DEFAULT_POSE_SETTINGS, type PoseSettings } from '../../../shared/pose.js';
import { poseModelId } from '../../../shared/pose-run.js';
import { createDefaultPoseEstimator } from '../pose/default-estimator.js';
import { checkPoseSettings, PoseJobRunner, type PoseJobOptions } from '../pose/pose-job.js';
import { DEFAULT_POSE_MODELS_DIR, hashPoseModels } from '../pose/pose-identity.js';

export interface AnalysisEvents {
  job(summary: JobSummary): void;
  progress(progress: AnalysisProgress): void;
  /** A running run's segments changed (see LiveSegments). */
  segments?(update: RunSegmentsUpdate): void;
}

export type AnalysisServiceOptions = Omit<JobRunnerOptions, 'store' | 'models'> & {
  /** Jobs run at once (default 1); a function is asked each time a job could start (it follows the analysis place, see placement.ts). */
  concurrency?: number | (() => number);
  /** Minimum time between progress events of a job (default 250 ms). */
  progressIntervalMs?: number;
  /** Pose jobs: the estimator and its models folder (see PoseJobOptions). */
  pose?: Partial<Omit<PoseJobOptions, 'store'>>;
};

/** What the contract's analysis calls need: videos × models in, jobs and runs out. */
export interface StartAnalysis {
  videoIds: number[];
  modelIds: string[];
  options?: Omit<Partial<AnalysisRequest>, 'modelId'>;
}

/**
 * The analysis engine as the rest of the core sees it: a job queue over the job runner, plus the
 * read side of stored runs (runs of a video, segments, probabilities downsampled for a
 * timeline, segments re-derived with other post-processing).
 */
export class AnalysisService {
  readonly #store: Store;
  readonly #models: ModelRegistry;
  readonly #queue: JobQueue;
  readonly #runner: JobRunner;

  constructor(store: Store, models: ModelRegistry, events: AnalysisEvents, options: AnalysisServiceOptions = {}) {
    this.#store = store;
    this.#models = models;
    const poseRunner = new PoseJobRunner({ createEstimator: createDefaultPoseEstimator, ...options.pose, store });
    // Skeleton models read the default pose settings' run, computed inside their own job (see [Note: pose runs for action models]).
    const poseRun = (video: VideoRecord, request: AnalysisRequest, signal: AbortSignal, report: JobReport) => poseRunner.run({ video, request, pose: DEFAULT_POSE_SETTINGS }, signal, report);
    const poseModelsDir = options.pose?.modelsDir ?? DEFAULT_POSE_MODELS_DIR;
    const poseStage = async () => ({ settings: DEFAULT_POSE_SETTINGS, modelsSha256: await hashPoseModels(poseModelsDir) });
    const runner = new JobRunner({ poseRun, poseStage, ...options, store, models, onSegments: events.segments?.bind(events) });
    this.#runner = runner;
    const storedFrames = (runId: number) => store.runs.get(runId)?.framesDone;
    this.#queue = new JobQueue((input, signal, report) => (input.pose ? poseRunner.run(input, signal, report) : runner.run(input, signal, report)), events, { ...options, storedFrames });
  }

  /** Queues one pose job per video (see PoseJobRunner); the queue runs them among the analysis jobs. */
  startPose({ videoIds, settings, provider = 'auto' }: { videoIds: number[]; settings: PoseSettings; provider?: AnalysisRequest['provider'] }): JobSummary[] {
    const pose = checkPoseSettings(settings);
    const videos = videoIds.map((id) => this.#video(id));
    return this.#queue.enqueue(videos.map((video) => ({ video, request: parseRequest({ modelId: poseModelId(pose.model), provider }), pose })));
  }

  /** Queues one job per video × model; unknown videos or models fail before anything is queued. */
  async start({ videoIds, modelIds, options = {} }: StartAnalysis): Promise<JobSummary[]> {
    const videos = videoIds.map((id) => this.#video(id));
    for (const modelId of modelIds) await this.#models.get(modelId);
    const inputs = videos.flatMap((video) => modelIds.map((modelId) => ({ video, request: parseRequest({ ...options, modelId }) })));
    return this.#queue.enqueue(inputs);
  }

  /** Whether this work (video × model × options) already has a completed run of this very video: starting it would only reuse it. */
  async isDone(videoId: number, modelId: string, options: StartAnalysis['options'] = {}): Promise<boolean> {
    const video = this.#video(videoId);
    const { paramsHash } = await this.runIdentity(await this.#models.get(modelId), parseRequest({ ...options, modelId }), video.fingerprint);
    // This video's own runs: a copy of the same recording (same content, same identity) may have a later run of its own.
    return this.#store.runs.listForVideo(video.id).some((run) => run.status === 'completed' && run.paramsHash === paramsHash);
  }

  /** The identity a run of this work has (see [Note: run identity]), with a skeleton model's pose stage. */
  async runIdentity(model: RegisteredModel, request: AnalysisRequest, videoFingerprint: string): Promise<ReturnType<typeof runIdentity>> {
    return runIdentity(model, request, videoFingerprint, await this.#runner.poseStageOf(model));
  }

  /** The concurrency may have grown (the analysis place changed): start what it allows now. */
  reschedule(): void {
    this.#queue.reschedule();
  }

  cancel(jobId: number): boolean {
    return this.#queue.cancel(jobId);
  }

  jobs(): JobSummary[] {
    return this.#queue.list();
  }

  /** Pauses a queued or running job (see JobQueue.pause); resolves once it is paused. */
  pause(jobId: number): Promise<boolean> {
    return this.#queue.pause(jobId);
  }

  /** Queues a paused job again; its run resumes from its last committed chunk. */
  resume(jobId: number): boolean {
    return this.#queue.resume(jobId);
  }

  hasJob(jobId: number): boolean {
    return this.#queue.has(jobId);
  }

  wait(jobIds: readonly number[]): Promise<JobSummary[]> {
    return this.#queue.wait(jobIds);
  }

  /**
   * At startup: runs a crash or kill left `running` go back to `queued`; the next job with the
   * same identity resumes them from their last committed chunk. Returns how many were requeued.
   */
  requeueInterrupted(): number {
    const mine = new Set(this.#queue.list().flatMap((job) => (job.state === 'running' && job.runId !== null ? [job.runId] : [])));
    return this.#store.runs.requeueInterrupted((run) => !mine.has(run.id) && isOrphaned(run));
  }

  runsForVideo(videoId: number): RunSummary[] {
    const video = this.#video(videoId);
    return this.#store.runs.listForVideo(videoId).map((run) => toRunSummary(run, video, this.#store.predictions.gaps(run.id)));
  }

  run(runId: number): RunSummary {
    const run = this.#run(runId);
    return toRunSummary(run, this.#store.videos.get(run.videoId), this.#store.predictions.gaps(run.id));
  }

  segments(runId: number, range?: { startFrame: number; endFrame: number }): Segment[] {
    this.#run(runId);
    return this.#store.segments.listForRun(runId, range).map(({ label, classIndex, startFrame, endFrame, startSec, endSec, confidence }) => ({
      label,
      classIndex: classIndex ?? -1,
      startFrame,
      endFrame,
      startSec,
      endSec,
      confidence: confidence ?? 0,
    }));
  }

  /** A skeleton run's per-person label tracks (empty for other runs): see person-lanes.ts. */
  async people(runId: number): Promise<PersonLane[]> {
    const run = this.#run(runId);
    // Runs without people (RGB models, pose runs) need no labels.
    if (this.#store.personPredictions.tracks(run.id).length === 0) return [];
    const { labels } = await this.#labels(run);
    return personLanes(this.#store, run.id, labels, frameRate(this.#video(run.videoId)), run.framesDone, runPostprocess(run));
  }

  /** The run's stored probabilities re-derived into segments with other options; nothing is stored (see the contract's runs.rederive). */
  async rederive(runId: number, postprocess: PostprocessOptions): Promise<Segment[]> {
    const run = this.#run(runId);
    const { labels } = await this.#labels(run);
    return deriveRunSegments(this.#store, run.id, labels, frameRate(this.#video(run.videoId)), run.framesDone, postprocess);
  }

  async probabilities(args: { runId: number; startFrame?: number; endFrame?: number; points: number; reduce?: 'mean' | 'max' }): Promise<ProbabilitySeries> {
    const run = this.#run(args.runId);
    const { labels } = await this.#labels(run);
    const startFrame = args.startFrame ?? 0;
    const endFrame = Math.min(args.endFrame ?? run.framesDone, run.framesDone);
    const range = this.#store.predictions.readRange(run.id, startFrame, Math.max(startFrame, endFrame));
    return { runId: run.id, labels, ...reduceProbabilities(range, labels.length, args.points, args.reduce ?? 'mean') };
  }

  /**
   * Cancels the video's queued and running jobs and waits until they have stopped, so that the
   * video can be removed: its runs are deleted with it, and a job still writing would fail on
   * the missing rows instead of ending cancelled. Refuses while another live process (sharing
   * the database) computes a run of the video.
   */
  async cancelForVideo(videoId: number): Promise<number> {
    const busy = this.#store.runs.running().find((run) => run.videoId === videoId && isComputedElsewhere(run));
    if (busy) throw new AppError('ALREADY_RUNNING', `Video ${videoId} is being analysed by ${describeOwner(busy.owner!)} (run ${busy.id}); cancel it there before removing the video.`);
    const jobs = this.#queue.list().filter((job) => job.videoId === videoId && (job.state === 'queued' || job.state === 'running' || job.state === 'paused'));
    for (const job of jobs) this.#queue.cancel(job.id);
    await this.#queue.wait(jobs.map((job) => job.id));
    return jobs.length;
  }

  /**
   * Deletes a run with its probabilities and segments. This process's job on it is cancelled
   * first; a run another live process computes is refused (cancel it there).
   */
  async deleteRun(runId: number): Promise<boolean> {
    const run = this.#run(runId);
    if (isComputedElsewhere(run)) {
      throw new AppError('ALREADY_RUNNING', `Run ${runId} is being computed by ${describeOwner(run.owner!)}; cancel it there before deleting it.`);
    }
    const jobs = this.#queue.list().filter((job) => job.runId === runId && (job.state === 'queued' || job.state === 'running' || job.state === 'paused'));
    for (const job of jobs) this.#queue.cancel(job.id);
    await this.#queue.wait(jobs.map((job) => job.id));
    return this.#store.runs.remove(runId);
  }

  /** Cancels every job and waits for them to stop (the worker and ffmpeg with them). */
  close(): Promise<void> {
    return this.#queue.cancelAll();
  }

  async #labels(run: RunRecord): Promise<{ labels: string[] }> {
    if (run.labels) return { labels: run.labels };
    const model = this.#store.models.get(run.modelId);
    const manifest = model?.manifest as { labels?: string[] } | undefined;
    if (!manifest?.labels) throw new AppError('NOT_FOUND', `Run ${run.id}: its model "${run.modelId}" is not registered.`);
    return { labels: manifest.labels };
  }

  #video(id: number): VideoRecord {
    const video = this.#store.videos.get(id);
    if (!video) throw new AppError('NOT_FOUND', `No video with id ${id} in the library.`, { field: 'videoId' });
    return video;
  }

  #run(id: number): RunRecord {
    const run = this.#store.runs.get(id);
    if (!run) throw new AppError('NOT_FOUND', `No run with id ${id}.`, { field: 'runId' });
    return run;
  }
}

export function parseRequest(raw: unknown): AnalysisRequest {
  const parsed = analysisRequestSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(request)';
  throw new AppError('INVALID_ARGUMENT', `Invalid analysis option "${field}": ${issue?.message ?? 'is invalid'}.`, { field });
}

export function toRunSummary(run: RunRecord, video?: VideoRecord, gaps: FrameGap[] = []): RunSummary {
  // Absent only in rows written without real params (store tests).
  const fingerprint: string | undefined = run.params.videoFingerprint;
  return {
    id: run.id,
    videoId: run.videoId,
    modelId: run.modelId,
    status: run.status,
    framesDone: run.framesDone,
    // A finished run's own count is what it labelled; before that, the probe's estimate.
    frameCount: run.status === 'completed' ? run.framesDone : run.frameCount,
    provider: run.provider,
    providerUsed: run.providerUsed,
    threads: run.threads,
    timings: run.timings,
    alignment: run.alignment,
    params: run.params,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    error: run.error,
    videoChanged: video !== undefined && fingerprint !== undefined && fingerprint !== video.fingerprint,
    gaps,
    gapFrames: gaps.reduce((n, gap) => n + gap.frameCount, 0),
  };
}

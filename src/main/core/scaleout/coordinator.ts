import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { JobInput, JobReport } from '../analysis/job-runner.js';
import { isPaused } from '../analysis/job-stop.js';
import { runIdentity } from '../analysis/run-identity.js';
import { findResumable } from '../analysis/run-results.js';
import { alignmentFor } from '../analysis/strategies/index.js';
import { currentOwner, describeOwner, HEARTBEAT_MS, isComputedElsewhere } from '../analysis/run-owner.js';
import type { ModelRegistry } from '../models/index.js';
import type { RunRecord, Store } from '../store/index.js';
import { completeRemoteRun, storeRemoteChunk } from './collector.js';
import { JOBS_QUEUE, readyWithin, resultsQueueName, type QueueConnection } from './connection.js';
import { analysisJobId, CANCEL_CHANNEL, resultSchema, toBase64, type JobData, type ResultMessage } from './protocol.js';

export interface CoordinatorOptions {
  store: Store;
  models: ModelRegistry;
  connection: QueueConnection;
  /** Tries per job when a worker fails it (a killed worker's stalls are counted apart, see MAX_STALLS). */
  attempts?: number;
  commitFrames?: number;
  /** How often a waiting run checks that its job is still in Redis (default 30 s). */
  jobCheckMs?: number;
}

interface Waiting {
  report: JobReport;
  resolve: (run: RunRecord) => void;
  reject: (error: Error) => void;
}

/** Stable per machine and database file: a restarted coordinator finds its results queue again. */
export function coordinatorIdFor(databaseFile: string): string {
  return createHash('sha256').update(`${os.hostname()}\0${path.resolve(databaseFile)}`).digest('hex').slice(0, 16);
}

/**
 * [Note: scale-out resume] The coordinator owns the one store. It creates each run, enqueues a
 * job carrying the run's restart point, and is the only writer of the chunks workers send back
 * on its results queue (consumed one at a time, so in order). After storing a chunk it writes the
 * new restart point into the job's data (BullMQ updateData), so when BullMQ hands the job to
 * another worker (the first was killed: its lock expired and the stall check moved the job back to
 * waiting) that worker continues from the last chunk the coordinator stored. A coordinator that
 * restarts re-adds the job under the same id (a no-op while it exists) and consumes the results
 * that waited for it in Redis. See collector.ts for why duplicates are harmless.
 */
export class Coordinator {
  readonly id: string;
  readonly #o: CoordinatorOptions;
  readonly #jobs: Queue;
  readonly #events: QueueEvents;
  readonly #results: Worker;
  readonly #resultsQueue: Queue;
  readonly #waiting = new Map<number, Waiting>();
  readonly #owner = currentOwner();
  #publisher: Redis | null = null;

  constructor(options: CoordinatorOptions) {
    this.#o = options;
    this.id = coordinatorIdFor(options.store.file);
    const connection = options.connection.redis;
    this.#jobs = new Queue(JOBS_QUEUE, { connection });
    this.#events = new QueueEvents(JOBS_QUEUE, { connection });
    this.#events.on('failed', ({ jobId }) => void this.#onFailed(jobId));
    this.#results = new Worker(resultsQueueName(this.id), (job) => this.#collect(job.data), { connection, concurrency: 1 });
    this.#resultsQueue = new Queue(resultsQueueName(this.id), { connection });
    this.#results.on('error', () => undefined); // reconnects on its own; the jobs wait in Redis meanwhile
    this.#events.on('error', () => undefined);
  }

  async ready(): Promise<void> {
    await readyWithin(Promise.all([this.#jobs.waitUntilReady(), this.#events.waitUntilReady(), this.#results.waitUntilReady()]), this.#o.connection);
  }

  async close(): Promise<void> {
    this.#publisher?.disconnect();
    await Promise.allSettled([this.#results.close(), this.#events.close(), this.#jobs.close(), this.#resultsQueue.close()]);
  }

  /** A JobRunner's `run` for jobs that run on workers (the queue's local runner still reuses and copies runs). */
  async run({ video, request }: JobInput, signal: AbortSignal, report: JobReport): Promise<RunRecord> {
    const { store } = this.#o;
    if (request.followIdleSec) throw new AppError('INVALID_ARGUMENT', `"${video.path}": following a growing recording runs locally only, not on workers.`);
    const model = await this.#o.models.get(request.modelId);
    const { params, paramsHash } = runIdentity(model, request, video.fingerprint);
    const live = store.runs.running().find((r) => r.videoId === video.id && r.paramsHash === paramsHash && isComputedElsewhere(r));
    if (live) throw new AppError('ALREADY_RUNNING', `Run ${live.id} of "${live.modelId}" on this video is being computed by ${describeOwner(live.owner!)}.`);
    // A run whose waiting chunks this coordinator stored before the job was started again (a restarted core) is this job's.
    const collected = store.runs.running().find((r) => r.videoId === video.id && r.paramsHash === paramsHash && r.owner === this.#owner && !this.#waiting.has(r.id));
    const resumable = collected ?? findResumable(store, video.id, paramsHash);
    const frameCount = video.probe.video.frameCount;
    const run = resumable ?? store.runs.create({ videoId: video.id, modelId: model.summary.id, params, paramsHash, provider: request.provider, frameCount, alignment: alignmentFor(model.manifest, request.sampling), labels: model.manifest.labels });
    // A cancelled (or store-failed) run analysed again takes chunks again: running, owned here, until its workers' chunks complete it.
    if (run.status === 'cancelled' || run.status === 'failed') store.runs.markRunning(run.id, { providerUsed: run.providerUsed ?? 'cpu', threads: run.threads ?? undefined, owner: this.#owner });
    const resumeFrom = store.predictions.lastCommittedFrame(run.id) + 1;
    report.run(run, resumable ? 'resumed' : 'fresh', resumable ? resumeFrom : null);
    // Queued until a worker's first chunk arrives (see storeRemoteChunk).
    report.started({ provider: 'workers', threads: { intraOp: 0, interOp: 0 }, frameCount });
    const runId = run.id;
    const heartbeat = setInterval(() => tryQuietly(() => store.runs.heartbeat(runId, this.#owner)), HEARTBEAT_MS);
    heartbeat.unref();
    const done = new Promise<RunRecord>((resolve, reject) => this.#waiting.set(runId, { report, resolve, reject }));
    const abort = () => this.#waiting.get(runId)?.reject(new AppError('CANCELLED', `Run ${runId} cancelled.`));
    signal.addEventListener('abort', abort, { once: true });
    const data: JobData = {
      resultsQueue: resultsQueueName(this.id),
      runId,
      path: video.path,
      fingerprint: video.fingerprint,
      probe: video.probe,
      modelId: model.summary.id,
      paramsHash,
      request,
      commitFrames: this.#o.commitFrames,
      resumeFrom,
      restart: this.#restartPoint(runId),
    };
    // A job lost with Redis (AOF fsync'd every second loses up to a second) is added again, from what is stored.
    const watchdog = setInterval(() => void this.#ensureQueued(data).catch(() => undefined), this.#o.jobCheckMs ?? 30_000);
    watchdog.unref();
    try {
      await this.#enqueue(data);
      return await done;
    } catch (error) {
      // Marked first (no await before it): a chunk collected from now on finds the run cancelled and is refused.
      // [Note: remote pause] A paused job's run goes back to queued instead, as a local pause leaves it: its worker
      // is stopped like a cancelled one's and a resume sends the job again from the last stored chunk. A chunk
      // still on its way is kept (exact resume makes its rows the ones a resume would compute).
      const current = store.runs.get(runId);
      if (isPaused(signal)) {
        if (current?.status === 'running') tryQuietly(() => store.runs.markPaused(runId));
      } else if (current?.status === 'running' || current?.status === 'queued') tryQuietly(() => (error instanceof AppError && error.code === 'CANCELLED' ? store.runs.markCancelled(runId) : store.runs.markFailed(runId, error)));
      if (isAppError(error, 'CANCELLED')) await this.#cancelJob(runId).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(heartbeat);
      clearInterval(watchdog);
      signal.removeEventListener('abort', abort);
      this.#waiting.delete(runId);
    }
  }

  /** A waiting job is removed; one a worker holds (it cannot be removed) is cancelled there (see [Note: remote cancel] in remote-worker.ts). */
  async #cancelJob(runId: number): Promise<void> {
    const jobId = analysisJobId(this.id, runId);
    const job = await Job.fromId(this.#jobs, jobId);
    if (!job) return;
    try {
      await job.remove();
    } catch {
      this.#publisher ??= new Redis(this.#o.connection.redis).on('error', () => undefined);
      await this.#publisher.publish(CANCEL_CHANNEL, jobId);
    }
  }

  #restartPoint(runId: number): JobData['restart'] {
    const point = this.#o.store.predictions.resumePoint(runId);
    return point ? { frame: point.frame, state: point.state ? toBase64(point.state) : null } : null;
  }

  /** The run's job is missing from Redis (or done without completing the run here): add it again from the last stored chunk. */
  async #ensureQueued(data: JobData): Promise<void> {
    const run = this.#o.store.runs.get(data.runId);
    if (!run || run.status === 'completed') return;
    const job = await Job.fromId(this.#jobs, analysisJobId(this.id, data.runId));
    if (job && (await job.getState()) !== 'completed') return;
    await this.#enqueue({ ...data, resumeFrom: this.#o.store.predictions.lastCommittedFrame(data.runId) + 1, restart: this.#restartPoint(data.runId) });
  }

  /** Adds the job under the run's id; a job failed before (its tries used up) is retried with the current restart point. */
  async #enqueue(data: JobData): Promise<void> {
    const jobId = analysisJobId(this.id, data.runId);
    const existing = await Job.fromId(this.#jobs, jobId);
    if (existing && (await existing.getState()) === 'failed') {
      await existing.updateData(data);
      await existing.retry('failed');
      return;
    }
    const state = existing ? await existing.getState() : 'unknown';
    if (existing && state !== 'completed') return; // waiting or running: its results are on the way
    if (existing) {
      // Done, yet its run is not complete here: its last results are still queued (they complete it), or they were
      // lost with a database replaced at the same path; then the job runs again (stored chunks are dropped as duplicates).
      const pending = await this.#resultsQueue.getJobCounts('waiting', 'active', 'delayed');
      if (Object.values(pending).some((n) => n > 0)) return;
      await existing.remove();
    }
    await this.#jobs.add('analyze', data, { jobId, attempts: this.#o.attempts ?? 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 30 * 86_400 } });
  }

  async #collect(raw: unknown): Promise<void> {
    const message: ResultMessage = resultSchema.parse(raw);
    const waiting = this.#waiting.get(message.runId);
    const run = this.#o.store.runs.get(message.runId);
    if (!run) return;
    const labels = run.labels ?? (await this.#o.models.get(run.modelId)).manifest.labels;
    if (message.kind === 'notice') waiting?.report.notice(message.message);
    else if (message.kind === 'chunk') {
      const outcome = storeRemoteChunk(this.#o.store, message, labels.length, this.#owner);
      if (!outcome.stored) return;
      waiting?.report.progress(outcome.framesDone, run.frameCount);
      // The next try of this job starts after what is now stored.
      const job = await Job.fromId(this.#jobs, message.jobId);
      if (job) await job.updateData({ ...(job.data as JobData), resumeFrom: outcome.framesDone, restart: this.#restartPoint(run.id) });
    } else {
      const completed = completeRemoteRun(this.#o.store, run.id, message.frameCount, labels);
      if (completed) {
        waiting?.report.progress(message.frameCount, message.frameCount);
        waiting?.resolve(completed);
      } else {
        // A chunk lost with Redis: the job is done but rows are missing; the job check (#ensureQueued) runs it again from them.
        const stored = this.#o.store.predictions.lastCommittedFrame(run.id) + 1;
        waiting?.report.notice(`${message.worker} finished ${message.frameCount} frames but ${stored} arrived; the rest is computed again.`);
      }
    }
  }

  async #onFailed(jobId: string): Promise<void> {
    const job = await Job.fromId(this.#jobs, jobId).catch(() => undefined);
    if (!job || (await job.getState()) !== 'failed') return; // retried: another try follows
    const waiting = this.#waiting.get((job.data as JobData).runId);
    waiting?.reject(new AppError('INTERNAL', `Worker failed the job: ${job.failedReason}`));
  }
}

function tryQuietly(work: () => unknown): void {
  try {
    work();
  } catch {
    // A heartbeat that fails is retried at the next beat.
  }
}

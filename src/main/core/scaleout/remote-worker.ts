import os from 'node:os';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { AnalysisRequest } from '../../../shared/analysis.js';
import { usableFps, type VideoProbe } from '../../../shared/media.js';
import { InferenceWorker } from '../../../workers/inference/client.js';
import { openFarnebackFlow, type FlowComputer } from '../analysis/flow/flow-computer.js';
import { FrameClock } from '../analysis/frame-clock.js';
import { defaultThreads } from '../analysis/job-runner.js';
import { analyseVideo } from '../analysis/pipeline.js';
import { PredictionWriter, type CommittedChunk } from '../analysis/prediction-writer.js';
import { runIdentity } from '../analysis/run-identity.js';
import { StageTimer } from '../analysis/stage-timer.js';
import { ResumeLedger } from '../analysis/strategies/index.js';
import { fingerprintFile } from '../library/fingerprint.js';
import { videoFrameTimes } from '../media/frame-times.js';
import { graphMismatches, type ModelRegistry } from '../models/index.js';
import { JOBS_QUEUE, readyWithin, type QueueConnection } from './connection.js';
import { mapPath, type PathMap } from './path-map.js';
import { CANCEL_CHANNEL, jobDataSchema, stateFromBase64, toBase64, type JobData, type ResultMessage } from './protocol.js';

export interface RemoteWorkerOptions {
  connection: QueueConnection;
  models: ModelRegistry;
  concurrency?: number;
  maps?: readonly PathMap[];
  /** How long a job's lock lasts without renewal: a worker silent this long (killed, cut off) loses its job (BullMQ stall detection). */
  lockDurationMs?: number;
  log?: (line: string) => void;
}

/** Times a job may stall (its worker died) before BullMQ fails it; each stall retries it from the last stored chunk. */
export const MAX_STALLS = 10;

/**
 * A headless analysis worker: takes jobs from the BullMQ jobs queue, decodes the video from shared
 * storage, runs the model and sends every committed chunk to the coordinator's results queue, in
 * order. It keeps nothing: the coordinator's SQLite is the one store, and a job always starts from
 * the restart point the coordinator put in its data (see [Note: scale-out resume] in coordinator.ts).
 */
export class RemoteWorker {
  readonly #o: RemoteWorkerOptions;
  readonly #worker: Worker;
  readonly #results = new Map<string, Queue>();
  readonly #name = `${os.hostname()}:${process.pid}`;
  readonly #cancels: Redis;

  constructor(options: RemoteWorkerOptions) {
    this.#o = options;
    const lockDuration = options.lockDurationMs ?? 30_000;
    this.#worker = new Worker(JOBS_QUEUE, (job, _token, signal) => this.#process(job, signal), {
      connection: options.connection.redis,
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(1000, Math.round(lockDuration / 2)),
      maxStalledCount: MAX_STALLS,
      autorun: true,
    });
    // A Redis that is down repeats the same error at every reconnection attempt: said once per change or per minute.
    let lastError = { message: '', at: 0 };
    this.#worker.on('error', (error) => {
      if (error.message === lastError.message && Date.now() - lastError.at < 60_000) return;
      lastError = { message: error.message, at: Date.now() };
      this.#log(`queue error: ${error.message} (retrying)`);
    });
    this.#worker.on('failed', (job, error) => this.#log(`job ${job?.id ?? '?'} failed: ${error.message}`));
    this.#worker.on('completed', (job) => this.#log(`job ${job.id} done`));
    // [Note: remote cancel] A coordinator publishes the id of a cancelled job; the worker running it aborts it
    // through BullMQ's own cancelJob (the processor's signal stops the decoder and the model within a frame).
    this.#cancels = new Redis({ ...options.connection.redis, lazyConnect: true });
    this.#cancels.on('error', () => undefined); // reconnects (and resubscribes) on its own, as the worker's connections
    this.#cancels.on('message', (_channel: string, jobId: string) => {
      if (this.#worker.cancelJob(jobId, 'cancelled by its coordinator')) this.#log(`job ${jobId}: cancelled by its coordinator, stopping`);
    });
  }

  async ready(): Promise<void> {
    await readyWithin(Promise.all([this.#worker.waitUntilReady(), this.#cancels.subscribe(CANCEL_CHANNEL)]), this.#o.connection);
  }

  /** Stops taking jobs and waits for the running ones (BullMQ's graceful close). */
  async close(force = false): Promise<void> {
    await this.#worker.close(force);
    this.#cancels.disconnect();
    await Promise.allSettled([...this.#results.values()].map((q) => q.close()));
  }

  #log(line: string): void {
    this.#o.log?.(line);
  }

  #resultsQueue(name: string): Queue {
    let queue = this.#results.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.#o.connection.redis, defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 20, backoff: { type: 'fixed', delay: 500 } } });
      this.#results.set(name, queue);
    }
    return queue;
  }

  async #process(job: Job, signal = new AbortController().signal): Promise<{ frameCount: number }> {
    const parsed = jobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: malformed data (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    const data = parsed.data;
    const jobId = job.id!;
    const file = mapPath(data.path, this.#o.maps ?? []);
    const fingerprint = await fingerprintFile(file).catch((error: Error) => {
      throw new UnrecoverableError(`${file}: cannot read it (${error.message}); map the coordinator's path with --map FROM=TO`);
    });
    if (fingerprint !== data.fingerprint) throw new UnrecoverableError(`${file}: its content differs from the coordinator's file (fingerprint ${fingerprint}, expected ${data.fingerprint})`);
    const request = data.request as AnalysisRequest;
    const model = await this.#o.models.get(data.modelId);
    if (runIdentity(model, request, fingerprint).paramsHash !== data.paramsHash) {
      throw new UnrecoverableError(`model "${data.modelId}" on ${this.#name} differs from the coordinator's (another model file or engine version)`);
    }
    this.#log(`job ${jobId}: ${file} × ${data.modelId} from frame ${data.resumeFrom} (attempt ${job.attemptsMade + 1})`);
    const results = this.#resultsQueue(data.resultsQueue);
    // Messages leave in commit order: each add waits for the one before (a chain), and ordered adds stay ordered in the queue.
    let sending: Promise<unknown> = Promise.resolve();
    const send = (message: ResultMessage, key: string) => {
      sending = sending.then(() => results.add(message.kind, message, { jobId: key }));
    };
    const { worker, model: loaded } = await InferenceWorker.start(model.modelFile, request.provider, { ...defaultThreads() });
    let flow: FlowComputer | null = null;
    try {
      const mismatches = graphMismatches(model.manifest, loaded);
      if (mismatches.length > 0) throw new UnrecoverableError(`model "${data.modelId}": the graph does not match its manifest: ${mismatches.join('; ')}`);
      if (model.manifest.family === 'two-stream' && model.manifest.flow) flow = await openFarnebackFlow(model.manifest.flow);
      const probe = data.probe as VideoProbe;
      const clock = new FrameClock(usableFps(probe.video.fps));
      const ledger = new ResumeLedger();
      const commit = (chunk: CommittedChunk) =>
        send(
          {
            kind: 'chunk',
            jobId,
            runId: data.runId,
            start: chunk.start,
            end: chunk.end,
            probs: toBase64(chunk.probs),
            times: chunk.times ? toBase64(chunk.times) : null,
            resume: chunk.resume ? { frame: chunk.resume.frame, state: chunk.resume.state ? toBase64(chunk.resume.state) : null } : null,
            gaps: chunk.gaps,
            provider: loaded.provider,
            threads: { ...loaded.threads },
          },
          `${jobId}_${chunk.start}_${chunk.end}`,
        );
      const writer = new PredictionWriter(null, data.runId, model.manifest.labels.length, data.resumeFrom, { chunkFrames: data.commitFrames, clock, ledger, commit });
      const restart = data.resumeFrom === 0 ? null : data.restart ? { frame: data.restart.frame, state: stateFromBase64(data.restart.state) } : { frame: 0, state: null };
      const frameTimes = await videoFrameTimes(file, fingerprint).catch(() => null);
      let lastProgress = 0;
      const result = await analyseVideo({
        file,
        probe,
        model,
        worker,
        sampling: request.sampling,
        hwaccel: request.hwaccel,
        followIdleSec: null,
        clock,
        resumeFrom: data.resumeFrom,
        restart,
        ledger,
        flow,
        signal,
        timer: new StageTimer(),
        onRow: writer.write,
        onFrame: (index) => {
          if (index - lastProgress >= 64) void job.updateProgress((lastProgress = index)).catch(() => undefined);
        },
        onNotice: (message) => send({ kind: 'notice', jobId, runId: data.runId, message }, `${jobId}_notice_${Date.now()}`),
        frameTimes,
        onGap: writer.markGap,
      });
      writer.flush();
      send({ kind: 'done', jobId, runId: data.runId, frameCount: result.frameCount, worker: this.#name }, `${jobId}_done_${result.frameCount}`);
      await sending;
      return { frameCount: result.frameCount };
    } catch (error) {
      // Cancelled: no retry, nothing more sent (the coordinator has marked the run cancelled and would refuse it).
      if (signal.aborted) throw new UnrecoverableError(`job ${jobId} cancelled by its coordinator`);
      throw error;
    } finally {
      await sending.catch(() => undefined);
      await Promise.allSettled([worker.close(), flow?.close()]);
    }
  }
}

export type { JobData };

import type { AnalysisProgress, JobSummary } from '../../../shared/engine.js';
import { AppError, isAppError, serializeError } from '../../../shared/errors.js';
import type { RunRecord } from '../store/index.js';
import type { JobInput, JobReport } from './job-runner.js';
import { canonicalJson } from './run-identity.js';
import { PAUSE_REASON } from './job-stop.js';

export type RunJob = (input: JobInput, signal: AbortSignal, report: JobReport) => Promise<RunRecord>;

export interface JobQueueEvents {
  job(summary: JobSummary): void;
  progress(progress: AnalysisProgress): void;
}

interface Job {
  summary: JobSummary;
  input: JobInput;
  /** Video and request without provider and hwaccel: equal keys are the same work. */
  key: string;
  controller: AbortController;
  settled: Promise<void>;
  settle: () => void;
  /** For fps and ETA: when computing started and how many frames were already stored then. */
  clock: { startedAt: number; firstFrame: number; lastEmit: number } | null;
  /** While it runs: resolves once the runner has returned (a pause waits for it). */
  stopped: Promise<void> | null;
  /** Cancel asked while a pause was under way: the job ends cancelled, not paused. */
  cancelRequested: boolean;
}

/** States a job can still leave: not finished. */
const LIVE_STATES: readonly JobSummary['state'][] = ['queued', 'running', 'paused'];


/**
 * Jobs (videos × models) run in order, `concurrency` at a time (1 by default: one job already
 * uses every core through ffmpeg and the inference threads). Jobs can be cancelled queued, running
 * or paused, paused (a running one stops at a chunk boundary, its run requeued) and resumed; every
 * state change and throttled progress (frames, fps, ETA) is reported.
 */
export class JobQueue {
  readonly #runJob: RunJob;
  readonly #events: JobQueueEvents;
  readonly #concurrency: () => number;
  readonly #progressIntervalMs: number;
  readonly #storedFramesOf: ((runId: number) => number | undefined) | undefined;
  readonly #jobs: Job[] = [];
  #nextId = 1;
  #running = 0;

  /**
   * Progress is reported at most every `progressIntervalMs` per job (and always at the end);
   * `storedFrames` says how many frames a run has committed (a paused job reports that).
   */
  constructor(runJob: RunJob, events: JobQueueEvents, { concurrency = 1, progressIntervalMs = 250, storedFrames }: { concurrency?: number | (() => number); progressIntervalMs?: number; storedFrames?: (runId: number) => number | undefined } = {}) {
    this.#runJob = runJob;
    // A listener that throws (a closed window, a UI bug) must not stop or wedge the jobs.
    const guarded = <A>(emit: (arg: A) => void) => (arg: A) => {
      try {
        emit(arg);
      } catch (error) {
        process.emitWarning(`An analysis event listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    this.#events = { job: guarded(events.job), progress: guarded(events.progress) };
    this.#concurrency = typeof concurrency === 'number' ? () => concurrency : concurrency;
    this.#progressIntervalMs = progressIntervalMs;
    this.#storedFramesOf = storedFrames;
  }

  /** Queues the jobs; one that repeats a queued, running or paused job's work returns that job instead (a paused one resumed). */
  enqueue(inputs: readonly JobInput[]): JobSummary[] {
    const jobs = inputs.map((input) => this.#active(jobKey(input)) ?? this.#add(input));
    for (const job of jobs) if (job.summary.state === 'paused') this.#requeue(job);
    for (const job of new Set(jobs)) if (job.summary.state === 'queued') this.#events.job({ ...job.summary });
    this.#pump();
    return jobs.map((job) => ({ ...job.summary }));
  }

  list(): JobSummary[] {
    return this.#jobs.map((job) => ({ ...job.summary, notices: [...job.summary.notices] }));
  }

  /** Cancels a queued, running or paused job; false when it does not exist or has already finished. */
  cancel(id: number): boolean {
    const job = this.#find(id);
    if (!job || !LIVE_STATES.includes(job.summary.state)) return false;
    if (job.summary.state !== 'running') this.#finish(job, 'cancelled', null);
    job.cancelRequested = true;
    job.controller.abort();
    return true;
  }

  /**
   * Pauses a queued or running job and resolves once it is paused: a running one stops at a chunk
   * boundary and its run is requeued, resumable as an interrupted one (see job-stop.ts). False
   * when it does not exist or cannot be paused (finished, or it completed before it could stop).
   */
  async pause(id: number): Promise<boolean> {
    const job = this.#find(id);
    if (!job || (job.summary.state !== 'queued' && job.summary.state !== 'running')) return false;
    if (job.summary.state === 'queued') {
      job.summary.state = 'paused';
      this.#events.job({ ...job.summary });
      return true;
    }
    job.controller.abort(PAUSE_REASON);
    await job.stopped;
    return this.#find(id)?.summary.state === 'paused';
  }

  /** Queues a paused job again (its run resumes from its last committed chunk); false when it is not paused. */
  resume(id: number): boolean {
    const job = this.#find(id);
    if (!job || job.summary.state !== 'paused') return false;
    this.#requeue(job);
    this.#pump();
    return true;
  }

  /** Whether a job of this id exists in this session. */
  has(id: number): boolean {
    return this.#find(id) !== undefined;
  }

  /** Resolves when these jobs have all finished (whatever their outcome). */
  async wait(ids: readonly number[]): Promise<JobSummary[]> {
    const jobs = ids.map((id) => this.#find(id)).filter((j): j is Job => j !== undefined);
    await Promise.all(jobs.map((j) => j.settled));
    return jobs.map((j) => ({ ...j.summary }));
  }

  /** Cancels everything and waits until no job runs (shutdown). */
  async cancelAll(): Promise<void> {
    for (const job of this.#jobs) this.cancel(job.summary.id);
    await Promise.all(this.#jobs.map((j) => j.settled));
  }

  #add(input: JobInput): Job {
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const summary: JobSummary = {
      id: this.#nextId++,
      videoId: input.video.id,
      videoPath: input.video.path,
      modelId: input.request.modelId,
      state: 'queued',
      runId: null,
      origin: null,
      resumedFromFrame: null,
      framesDone: 0,
      frameCount: input.video.probe.video.frameCount,
      provider: null,
      notices: [],
      error: null,
    };
    const job: Job = { summary, input, key: jobKey(input), controller: new AbortController(), settled, settle, clock: null, stopped: null, cancelRequested: false };
    this.#jobs.push(job);
    return job;
  }

  #find(id: number): Job | undefined {
    return this.#jobs.find((j) => j.summary.id === id);
  }

  #active(key: string): Job | undefined {
    return this.#jobs.find((job) => job.key === key && LIVE_STATES.includes(job.summary.state));
  }

  /** A paused job back in the queue, with a fresh abort controller (the old one carries the pause). */
  #requeue(job: Job): void {
    job.controller = new AbortController();
    job.summary.state = 'queued';
    job.summary.error = null;
    job.cancelRequested = false;
    this.#events.job({ ...job.summary });
  }

  /** Starts queued jobs that the concurrency now allows (it can grow, see AnalysisServiceOptions.concurrency). */
  reschedule(): void {
    this.#pump();
  }

  #pump(): void {
    while (this.#running < this.#concurrency()) {
      const next = this.#jobs.find((j) => j.summary.state === 'queued');
      if (!next) return;
      this.#running += 1;
      next.stopped = this.#start(next).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }

  async #start(job: Job): Promise<void> {
    job.summary.state = 'running';
    this.#events.job({ ...job.summary });
    try {
      const run = await this.#runJob(job.input, job.controller.signal, this.#reporter(job));
      job.summary.framesDone = run.framesDone;
      job.summary.frameCount = run.frameCount;
      this.#finish(job, run.status === 'completed' ? 'completed' : run.status === 'cancelled' ? 'cancelled' : 'failed', run.error);
    } catch (error) {
      if (job.controller.signal.reason === PAUSE_REASON && !job.cancelRequested) {
        job.summary.state = 'paused';
        job.summary.framesDone = this.#storedFrames(job);
        this.#events.job({ ...job.summary });
        return;
      }
      const cancelled = isAppError(error, 'CANCELLED') || job.controller.signal.aborted;
      const reason = cancelled ? serializeError(new AppError('CANCELLED', `Job ${job.summary.id} was cancelled.`)) : serializeError(error);
      this.#finish(job, cancelled ? 'cancelled' : 'failed', reason);
    }
  }

  /** Frames the paused job's run has committed (its progress may have counted rows not yet stored). */
  #storedFrames(job: Job): number {
    const runId = job.summary.runId;
    return (runId !== null ? this.#storedFramesOf?.(runId) : undefined) ?? job.summary.framesDone;
  }

  #finish(job: Job, state: 'completed' | 'failed' | 'cancelled', error: JobSummary['error']): void {
    job.summary.state = state;
    job.summary.error = error;
    this.#events.job({ ...job.summary });
    job.settle();
  }

  #reporter(job: Job): JobReport {
    const s = job.summary;
    return {
      run: (run, origin, resumedFromFrame) => {
        Object.assign(s, { runId: run.id, origin, resumedFromFrame, framesDone: run.framesDone, frameCount: run.frameCount ?? s.frameCount, provider: run.providerUsed ?? s.provider });
        this.#events.job({ ...s });
      },
      started: ({ provider, frameCount }) => {
        Object.assign(s, { provider, frameCount: frameCount ?? s.frameCount });
        // The first report waits one interval: a rate measured over the first frame or two says nothing.
        const now = performance.now();
        job.clock = { startedAt: now, firstFrame: s.framesDone, lastEmit: now };
        this.#events.job({ ...s, notices: [...s.notices] });
      },
      progress: (framesDone, frameCount) => {
        s.framesDone = framesDone;
        s.frameCount = frameCount ?? s.frameCount;
        this.#emitProgress(job);
      },
      notice: (message) => {
        s.notices.push(message);
        this.#events.job({ ...s, notices: [...s.notices] });
      },
    };
  }

  #emitProgress(job: Job): void {
    const clock = job.clock;
    const { id, runId, framesDone, frameCount } = job.summary;
    if (!clock || runId === null) return;
    const now = performance.now();
    if (now - clock.lastEmit < this.#progressIntervalMs && framesDone !== frameCount) return;
    clock.lastEmit = now;
    const seconds = (now - clock.startedAt) / 1000;
    const fps = seconds > 0 ? (framesDone - clock.firstFrame) / seconds : 0;
    const etaSec = frameCount !== null && fps > 0 ? Math.max(0, (frameCount - framesDone) / fps) : null;
    this.#events.progress({ jobId: id, runId, framesDone, frameCount, fps, etaSec });
  }
}

function jobKey({ video, request, pose }: JobInput): string {
  const { provider: _provider, hwaccel: _hwaccel, ...work } = request;
  return `${video.id}:${canonicalJson(work)}${pose ? `:pose:${canonicalJson(pose)}` : ''}`;
}

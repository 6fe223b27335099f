import { basename } from 'node:path';
import type { JobSummary } from '../../../shared/engine.js';
import type { ReviewChange } from '../../../shared/review.js';
import type { Library } from '../library/library.js';
import { log } from '../log/logger.js';
import type { ReviewService } from './service.js';
import { FolderWatcher } from './watcher.js';

export interface SourceWatchOptions {
  /** Time between folder scans (default 2 s). */
  intervalMs?: number;
  /** A recording is done once it has not grown for this long (default 10 s). */
  followIdleSec?: number;
}

/**
 * The long-running core's watch folders (the desktop app's host and `actionlens serve`): the
 * sources marked `watching` are scanned as `actionlens watch` scans them (FolderWatcher), their
 * watch state read from the database at every scan, so a source added or toggled from the UI is
 * picked up at the next scan and the watch restarts with the app. A folder that cannot be read,
 * or a recording whose analysis failed, is recorded on its source (`watchError`) until a scan
 * succeeds or a later recording of it completes.
 */
export class SourceWatch {
  readonly #review: ReviewService;
  readonly #library: Library;
  readonly #onJob: (listener: (job: JobSummary) => void) => () => void;
  readonly #emit: (change: ReviewChange) => void;
  readonly #options: SourceWatchOptions;
  /** Jobs queued by the watch, to their source. */
  readonly #jobSources = new Map<number, number>();
  /** The last failed recording per source (a folder problem comes and goes with the scans). */
  readonly #failedRecordings = new Map<number, string>();
  #watcher: FolderWatcher | null = null;
  #offJob: (() => void) | null = null;

  constructor(review: ReviewService, library: Library, onJob: (listener: (job: JobSummary) => void) => () => void, emit: (change: ReviewChange) => void, options: SourceWatchOptions = {}) {
    this.#review = review;
    this.#library = library;
    this.#onJob = onJob;
    this.#emit = emit;
    this.#options = options;
  }

  get running(): boolean {
    return this.#watcher !== null;
  }

  start(): void {
    if (this.#watcher) return;
    const { repo } = this.#review;
    this.#offJob = this.#onJob((job) => this.#jobChanged(job));
    this.#watcher = new FolderWatcher(this.#review, this.#library, {
      ...this.#options,
      // A restart scans every watched folder again: files already analysed queue nothing.
      skipDone: true,
      sources: () => repo.sources().filter((source) => source.watching),
      onJobs: (source, jobs) => {
        for (const job of jobs) this.#jobSources.set(job.id, source.id);
        log().info({ source: source.name, files: jobs.map((job) => job.videoPath) }, 'watched source: analysing new recordings');
      },
      onSourceError: (source, message) => this.#record(source.id, message),
      onSourceScanned: (source) => this.#record(source.id, this.#failedRecordings.get(source.id) ?? null),
    });
    this.#watcher.start();
  }

  async stop(): Promise<void> {
    const watcher = this.#watcher;
    this.#watcher = null;
    this.#offJob?.();
    this.#offJob = null;
    await watcher?.stop();
  }

  /** One scan now (tests; a source just marked watched). */
  async scanOnce(): Promise<JobSummary[]> {
    return (await this.#watcher?.scanOnce()) ?? [];
  }

  #jobChanged(job: JobSummary): void {
    const sourceId = this.#jobSources.get(job.id);
    if (sourceId === undefined || (job.state !== 'completed' && job.state !== 'failed')) return;
    this.#jobSources.delete(job.id);
    if (job.state === 'failed') this.#failedRecordings.set(sourceId, `${basename(job.videoPath)} could not be analysed with ${job.modelId}: ${job.error?.message ?? 'unknown error'}`);
    else this.#failedRecordings.delete(sourceId);
    this.#record(sourceId, this.#failedRecordings.get(sourceId) ?? null);
  }

  #record(sourceId: number, error: string | null): void {
    try {
      if (this.#review.repo.setWatchError(sourceId, error)) this.#emit({ reason: 'sources', sourceId });
    } catch (failure) {
      log().warn({ sourceId, error: (failure as Error).message }, 'could not record the watch state of a source');
    }
  }
}

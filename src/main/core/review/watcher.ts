import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { JobSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import type { ReviewSource } from '../../../shared/review.js';
import type { Library } from '../library/library.js';
import { VIDEO_EXTENSIONS } from '../library/scan.js';
import type { ReviewService } from './service.js';

export interface WatchOptions {
  /** Time between folder scans (default 2 s). */
  intervalMs?: number;
  /** A file modified this recently is still being written: follow it until it has not grown for this long (default 10 s). */
  followIdleSec?: number;
  /** Jobs queued for new files. */
  onJobs?: (source: ReviewSource, jobs: JobSummary[]) => void;
  /** A file that could not be added (not video yet, unreadable…); it is tried again at the next scan. */
  onSkipped?: (file: string, reason: string) => void;
  /** The sources to watch at each scan (default: every source). */
  sources?: () => ReviewSource[];
  /** A source's folder could not be read, or its new files could not be queued; the others are scanned still. */
  onSourceError?: (source: ReviewSource, message: string) => void;
  /** A source's folder was scanned without a problem. */
  onSourceScanned?: (source: ReviewSource) => void;
  /** No job for a file a model has already analysed (see ReviewService.analyse). */
  skipDone?: boolean;
}

/** Video files in a source's folder (and below for a tree), by extension; a folder that cannot be read is named in the error. */
export async function sourceFiles(source: Pick<ReviewSource, 'path' | 'recursive'>): Promise<string[]> {
  const entries = await readdir(source.path, { withFileTypes: true, recursive: source.recursive }).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'does not exist' : error.code === 'ENOTDIR' ? 'is not a folder' : error.code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${error.message})`;
    throw new AppError(error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'UNREADABLE', `The folder ${source.path} ${why}.`, { file: source.path });
  });
  return entries
    .filter((e) => e.isFile() && VIDEO_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Watch folders: every scan, files new in a source's folder are added to the library and analysed
 * with the source's models at its stride; a file still growing is followed (the engine's
 * `--follow`) until it stops growing. Items appear as the jobs complete (ReviewService).
 * [Note: polling, not fs.watch: recorders on network shares do not raise inotify events.]
 */
export class FolderWatcher {
  readonly #submitted = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #scanning: Promise<JobSummary[]> | null = null;
  #stopped = false;

  constructor(
    private readonly review: ReviewService,
    private readonly library: Library,
    private readonly options: WatchOptions = {},
  ) {}

  /** One pass over every source; returns the jobs queued. */
  scanOnce(): Promise<JobSummary[]> {
    this.#scanning ??= this.#scan().finally(() => (this.#scanning = null));
    return this.#scanning;
  }

  start(): void {
    this.#stopped = false;
    const tick = async () => {
      await this.scanOnce().catch((error: unknown) => this.options.onSkipped?.('(scan)', (error as Error).message));
      if (!this.#stopped) this.#timer = setTimeout(() => void tick(), this.options.intervalMs ?? 2000);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#scanning?.catch(() => undefined);
  }

  async #scan(): Promise<JobSummary[]> {
    const queued: JobSummary[] = [];
    const idleSec = this.options.followIdleSec ?? 10;
    for (const source of this.options.sources?.() ?? this.review.repo.sources()) {
      try {
        queued.push(...(await this.#scanSource(source, idleSec)));
        this.options.onSourceScanned?.(source);
      } catch (error) {
        this.options.onSourceError?.(source, error instanceof Error ? error.message : String(error));
      }
    }
    return queued;
  }

  async #scanSource(source: ReviewSource, idleSec: number): Promise<JobSummary[]> {
    const fresh = (await sourceFiles(source)).filter((f) => !this.#submitted.has(`${source.id}:${f}`));
    if (fresh.length === 0) return [];
    const added = await this.library.add(fresh);
    for (const skip of added.skipped) this.options.onSkipped?.(skip.path, skip.reason);
    const videos = [...added.added, ...added.unchanged];
    const growing: number[] = [];
    const done: number[] = [];
    for (const video of videos) {
      this.#submitted.add(`${source.id}:${video.path}`);
      const info = await stat(video.path).catch(() => null);
      (info && Date.now() - info.mtimeMs < idleSec * 1000 ? growing : done).push(video.id);
    }
    const skipDone = this.options.skipDone ?? false;
    const jobs = [...(await this.review.analyse(source, growing, idleSec, { skipDone })), ...(await this.review.analyse(source, done, undefined, { skipDone }))];
    if (jobs.length > 0) this.options.onJobs?.(source, jobs);
    return jobs;
  }
}

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { AddToLibraryReport, VideoSummary } from '../../../shared/library.js';
import type { VideoProbe } from '../../../shared/media.js';
import type { Store, VideoRecord } from '../store/index.js';
import { relocateVideo } from '../store/video-location.js';
import { fingerprintFile } from './fingerprint.js';
import { scanPaths } from './scan.js';

export type ProbeFn = (file: string) => Promise<VideoProbe>;

export interface AddProgress {
  done: number;
  total: number;
  file: string;
}

export interface AddOptions {
  onProgress?: (progress: AddProgress) => void;
  /** How many files are probed at once (ffprobe processes). */
  concurrency?: number;
}

/** The result of `add`, plus how many of the files the user named directly could not be added. */
export interface AddResult extends AddToLibraryReport {
  namedFailures: number;
}

export function toVideoSummary(record: VideoRecord): VideoSummary {
  return {
    id: record.id,
    path: record.path,
    fileName: basename(record.path),
    sizeBytes: record.sizeBytes,
    fingerprint: record.fingerprint,
    addedAt: record.addedAt,
    probe: record.probe,
    // A stat per video: cheap next to a list the user reads, and it catches files moved since.
    missing: !existsSync(record.path),
  };
}

/**
 * The video library: which files the user works with, with their probe data and fingerprint.
 * A file that fails to probe is reported and never written, so bad input leaves the store as it was.
 */
export class Library {
  constructor(
    /** The store it reads and writes (other core services share it). */
    readonly store: Store,
    private readonly probe: ProbeFn,
  ) {}

  list(): VideoSummary[] {
    return this.store.videos.list().map(toVideoSummary);
  }

  get(id: number): VideoSummary | undefined {
    const record = this.store.videos.get(id);
    return record && toVideoSummary(record);
  }

  /** Removes the video and everything derived from it; the file on disk is never touched. */
  remove(id: number): boolean {
    return this.store.videos.remove(id);
  }

  /**
   * Points a video whose file moved at `path`. The file there must have the content fingerprint
   * the video was added with, so runs never end up attached to other footage.
   */
  async locate(id: number, path: string): Promise<VideoSummary> {
    const video = this.store.videos.get(id);
    if (!video) throw new AppError('NOT_FOUND', `No video with id ${id} in the library.`, { field: 'id' });
    const file = resolve(path);
    const info = await stat(file).catch(() => null);
    if (!info) throw new AppError('FILE_NOT_FOUND', `Cannot locate ${video.path} at ${file}: there is no file there.`, { file, field: 'path' });
    if (!info.isFile()) throw new AppError('NOT_A_FILE', `Cannot locate ${video.path} at ${file}: that is not a file.`, { file, field: 'path' });
    const other = this.store.videos.getByPath(file);
    if (other && other.id !== id) throw new AppError('INVALID_ARGUMENT', `${file} is already in the library as another video (id ${other.id}).`, { file, field: 'path' });
    const fingerprint = await fingerprintFile(file);
    if (fingerprint !== video.fingerprint) {
      throw new AppError('INVALID_ARGUMENT', `${file} is not the same video as ${basename(video.path)} (its content differs); choose the moved file itself.`, { file, field: 'path' });
    }
    relocateVideo(this.store, id, file, info.mtimeMs);
    return toVideoSummary(this.store.videos.get(id) as VideoRecord);
  }

  async add(paths: readonly string[], options: AddOptions = {}): Promise<AddResult> {
    const scan = await scanPaths(paths);
    const result: AddResult = { added: [], unchanged: [], skipped: [...scan.skipped], namedFailures: 0 };
    let done = 0;
    const addOne = async (file: string) => {
      try {
        const outcome = await this.addFile(file);
        result[outcome.kind].push(outcome.video);
      } catch (error) {
        // A database that cannot take the video (full disk, damaged) is no fault of the file: stop, and say so.
        if (!isAppError(error) || error.code.startsWith('DB_')) throw error;
        result.skipped.push({ path: file, code: error.code, reason: error.message });
        if (scan.named.has(file)) result.namedFailures += 1;
      }
      options.onProgress?.({ done: ++done, total: scan.files.length, file });
    };
    await runPool(scan.files, options.concurrency ?? 2, addOne);
    // Pool order is completion order; report in the order the files were found.
    const order = new Map(scan.files.map((file, i) => [file, i]));
    const byFileOrder = (a: { path: string }, b: { path: string }) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0);
    result.added.sort(byFileOrder);
    result.unchanged.sort(byFileOrder);
    return result;
  }

  private async addFile(file: string): Promise<{ kind: 'added' | 'unchanged'; video: VideoSummary }> {
    const known = this.store.videos.getByPath(file);
    const info = await stat(file).catch(() => null);
    if (known && info && known.sizeBytes === info.size && known.mtimeMs === info.mtimeMs) {
      return { kind: 'unchanged', video: toVideoSummary(known) };
    }
    const probe = await this.probe(file); // throws a typed error naming the file for bad input
    const fingerprint = await fingerprintFile(file);
    const record = this.store.videos.upsert({
      path: file,
      sizeBytes: probe.sizeBytes,
      mtimeMs: info?.mtimeMs ?? 0,
      fingerprint,
      probe,
    });
    return { kind: 'added', video: toVideoSummary(record) };
  }
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

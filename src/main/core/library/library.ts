import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isAppError } from '../../../shared/errors.js';
import type { AddToLibraryReport, VideoSummary } from '../../../shared/library.js';
import type { VideoProbe } from '../../../shared/media.js';
import type { Store, VideoRecord } from '../store/index.js';
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
  };
}

/**
 * The video library: which files the user works with, with their probe data and fingerprint.
 * A file that fails to probe is reported and never written, so bad input leaves the store as it was.
 */
export class Library {
  constructor(
    private readonly store: Store,
    private readonly probe: ProbeFn,
  ) {}

  list(): VideoSummary[] {
    return this.store.videos.list().map(toVideoSummary);
  }

  /** Removes the video and everything derived from it; the file on disk is never touched. */
  remove(id: number): boolean {
    return this.store.videos.remove(id);
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
        if (!isAppError(error)) throw error;
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

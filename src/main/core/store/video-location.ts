import type { Store } from './store.js';
import { dbAction } from './db-errors.js';

/**
 * Points a stored video at a new path (the file was moved or renamed), keeping its id, runs and
 * annotations. A separate module so the videos repository, which another change owns, stays as
 * it is; the caller checks the file's fingerprint first.
 */
export function relocateVideo(store: Store, id: number, path: string, mtimeMs: number): boolean {
  return dbAction(`point video ${id} at ${path}`, () =>
    store.db.prepare<[string, number, number]>('UPDATE videos SET path = ?, mtime_ms = ? WHERE id = ?').run(path, mtimeMs, id).changes > 0,
  );
}

/** Damages a real SQLite file the way a bad disk sector does: one page overwritten with noise. */
import { closeSync, openSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { seededRandom } from './random.js';

/** The b-tree leaf pages of `table`, in page order (from SQLite's dbstat table). */
export function leafPages(file: string, table: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[]);
  } finally {
    db.close();
  }
}

/** Overwrites page `pageno` (1-based) of a checkpointed database file with pseudo-random bytes. */
export function overwritePage(file: string, pageno: number, pageSize = 4096, seed = 7): void {
  const random = seededRandom(seed);
  const noise = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i++) noise[i] = Math.floor(random() * 256);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, noise, 0, pageSize, (pageno - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/**
 * Issue 15, defect 2, where no tiny disk can be mounted too: with `PRAGMA max_page_count` pinned to the
 * file's size, every write path either commits (it fitted in pages the file already has) or throws a
 * DB_ERROR naming the file and "the disk is full", and then nothing of it is stored. (On a real full
 * disk every path fails: full-disk.test.ts.)
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/core/store/index.js';
import { useTempDir } from './helpers.js';
import { WRITE_PATHS, seed } from './write-paths.js';

const { dir, track } = useTempDir();

describe('writes against a database that may not grow', () => {
  for (const writePath of WRITE_PATHS) {
    it(`${writePath.name}: commits, or throws naming the file and stores nothing`, () => {
      const file = path.join(dir(), 'limited.db');
      const store = track(openStore(file));
      const seeded = seed(store);
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
      let error: { code?: string; message: string; file?: string } | undefined;
      try {
        writePath.write(store, seeded);
      } catch (caught) {
        error = caught as typeof error;
      }
      const stored = writePath.stored(store, seeded);
      if (error === undefined) {
        expect(stored).toBe(true);
      } else {
        expect(error).toMatchObject({ code: 'DB_ERROR', file });
        expect(error.message).toContain(` in ${file}: the disk is full (SQLITE_FULL`);
        expect(stored).toBe(false);
      }
      // What this connection sees is what a fresh one finds.
      store.close();
      expect(writePath.stored(track(openStore(file)), seeded)).toBe(stored);
    });
  }
});

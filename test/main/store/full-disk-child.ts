/**
 * Run inside a private mount namespace with a tiny tmpfs at argv[2] (see full-disk.test.ts): seeds a
 * store there, fills the disk to the last byte, tries every write path and prints, as JSON, what each
 * reported, what it threw and whether it was stored, then what a fresh connection finds.
 */
import { openSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../src/main/core/store/index.js';
import { WRITE_PATHS, seed } from './write-paths.js';

const dir = process.argv[2] ?? process.env.DISK!;
const file = path.join(dir, 'actionlens.db');
const store = openStore(file);
const seeded = seed(store);
store.db.pragma('wal_checkpoint(TRUNCATE)');

/** Writes until the file system refuses even one byte. */
function fillDisk(): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  for (const size of [65536, 4096, 512, 1]) {
    const block = Buffer.alloc(size);
    try {
      for (;;) writeSync(fd, block);
    } catch {
      // ENOSPC: go on with a smaller block
    }
  }
  closeSync(fd);
}

fillDisk();
const results = WRITE_PATHS.map((writePath) => {
  let reported: unknown = null;
  let error: { code?: string; message: string; file?: string } | null = null;
  try {
    reported = writePath.write(store, seeded) ?? null;
  } catch (caught) {
    const e = caught as { code?: string; message: string; file?: string };
    error = { code: e.code, message: e.message, file: e.file };
  }
  // An aborted WAL write leaves frames past the valid end; truncating keeps the next path's test exact.
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return { name: writePath.name, reported: reported !== null, error, stored: writePath.stored(store, seeded) };
});
store.close();
rmSync(path.join(dir, 'filler'));
const reopened = openStore(file);
const storedAfterReopen = WRITE_PATHS.filter((writePath) => writePath.stored(reopened, seeded)).map((writePath) => writePath.name);
reopened.close();
process.stdout.write(JSON.stringify({ file, results, storedAfterReopen }));

/**
 * Issue 15, defect 2: on a full disk every write either commits or throws an error naming the database
 * file and the reason. Real SQLite on a real full file system (a 2 MB tmpfs filled to the last byte);
 * see write-paths.ts for the list and full-disk-child.ts for what runs on the disk.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/clips.js';
import { onTinyDisk, tinyDiskUnavailable } from '../../helpers/tiny-disk.js';
import { WRITE_PATHS } from './write-paths.js';

const unavailable = tinyDiskUnavailable();

interface ChildReport {
  file: string;
  results: { name: string; reported: boolean; error: { code?: string; message: string; file?: string } | null; stored: boolean }[];
  storedAfterReopen: string[];
}

describe.skipIf(unavailable !== '')(`writes on a full disk${unavailable}`, () => {
  let report: ChildReport;

  it('the child seeded a store on the tiny disk and tried every write path', async () => {
    const child = path.join(REPO_ROOT, 'test/main/store/full-disk-child.ts');
    // The child finds the mounted folder in $DISK.
    const run = await onTinyDisk('2m', [process.execPath, '--import', 'tsx', child]);
    expect(run.stderr).toBe('');
    report = JSON.parse(run.stdout) as ChildReport;
    expect(report.results.map((r) => r.name)).toEqual(WRITE_PATHS.map((w) => w.name));
  }, 60_000);

  for (const writePath of WRITE_PATHS) {
    it(`${writePath.name}: throws DB_ERROR naming the file and "disk is full", reports nothing, stores nothing`, () => {
      const result = report.results.find((r) => r.name === writePath.name)!;
      expect(result.reported).toBe(false);
      expect(result.error?.code).toBe('DB_ERROR');
      expect(result.error?.file).toBe(report.file);
      expect(result.error?.message).toContain(` in ${report.file}: the disk is full (SQLITE_FULL`);
      expect(result.stored).toBe(false);
    });
  }

  it('a fresh connection after the disk is freed finds none of the writes', () => {
    expect(report.storedAfterReopen).toEqual([]);
  });
});

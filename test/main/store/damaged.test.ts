/**
 * Issue 15, defect 5: a database with one data page overwritten. Real SQLite files, damaged on disk.
 * The damage is found at open (quick_check) or, past the size where open checks, at the first read of
 * the page; either way the error names the file and the way out, and no write follows.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/shared/errors.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { checkDatabaseFile, recoverDatabaseFile } from '../../../src/main/core/store/recover.js';
import { leafPages, overwritePage } from '../../helpers/damage.js';
import { sampleModel, sampleVideo, useTempDir } from './helpers.js';
import { WRITE_PATHS, seed } from './write-paths.js';
import { testRunParams } from '../../helpers/run-params.js';

const { dir, track } = useTempDir();
const CHUNK = 16;
const CHUNKS = 1000;

/** A library whose run has 1000 small chunks (many leaf pages); the middle leaf of prediction_chunks is then overwritten. */
function damagedDatabase(): { file: string; runId: number; damagedPage: number } {
  const file = path.join(dir(), 'damaged.db');
  const store = openStore(file);
  const video = store.videos.upsert(sampleVideo());
  store.models.upsert(sampleModel());
  const run = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'h', provider: 'cpu' });
  store.runs.markRunning(run.id, { providerUsed: 'cpu' });
  store.transaction(() => {
    for (let c = 0; c < CHUNKS; c++) store.predictions.appendChunk(run.id, c * CHUNK, new Float32Array(CHUNK * 3).fill(c / CHUNKS), 3);
  });
  store.runs.markCompleted(run.id, { framesDone: CHUNK * CHUNKS });
  store.segments.replaceForRun(run.id, [{ label: 'walk', classIndex: 0, startFrame: 0, endFrame: 10, startSec: 0, endSec: 1, confidence: 0.5 }]);
  store.close(); // checkpoints the WAL into the file
  const leaves = leafPages(file, 'prediction_chunks');
  const damagedPage = leaves[Math.floor(leaves.length / 2)]!;
  overwritePage(file, damagedPage);
  return { file, runId: run.id, damagedPage };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function expectCorruption(error: unknown, file: string): void {
  expect(isAppError(error, 'DB_CORRUPT')).toBe(true);
  const message = (error as Error).message;
  expect(message).toMatch(new RegExp(`^The database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(`));
  expect(message).toContain(`db recover`);
  expect(message).not.toContain('\n');
}

describe('a damaged database', () => {
  it('is refused at open, in one line naming the file, the reason and the recovery commands', () => {
    const { file } = damagedDatabase();
    const before = sha(file);
    let caught: unknown;
    try {
      openStore(file);
    } catch (error) {
      caught = error;
    }
    expectCorruption(caught, file);
    expect(sha(file)).toBe(before);
  });

  it('past the open check, the first unreadable page stops every later write (each write path)', () => {
    const { file, runId } = damagedDatabase();
    const store = track(openStore(file, { quickCheckMaxBytes: 0 }));
    // Undamaged rows still read.
    expect(store.videos.list()).toHaveLength(1);
    let caught: unknown;
    try {
      store.predictions.readRange(runId, 0, CHUNK * CHUNKS);
    } catch (error) {
      caught = error;
    }
    expectCorruption(caught, file);
    const seeded = { videoId: 1, queuedRun: runId, runningRun: runId, trackId: 1, segmentId: 1, heartbeatAt: null };
    const before = sha(file);
    for (const writePath of WRITE_PATHS) {
      let refused: unknown;
      try {
        writePath.write(store, seeded);
      } catch (error) {
        refused = error;
      }
      expect({ path: writePath.name, code: (refused as { code?: string } | undefined)?.code }).toEqual({ path: writePath.name, code: 'DB_CORRUPT' });
    }
    store.close();
    expect(sha(file)).toBe(before);
  });

  it('db check reports the damage; a sound database passes', () => {
    const { file, damagedPage } = damagedDatabase();
    const report = checkDatabaseFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain(`page ${damagedPage}`);
    const sound = path.join(dir(), 'sound.db');
    const store = openStore(sound);
    seed(store);
    store.close();
    expect(checkDatabaseFile(sound)).toEqual({ file: sound, ok: true, problems: [] });
  });

  it('db recover copies every readable row into a sound new database, reports what was lost, and keeps the original', () => {
    const { file, runId } = damagedDatabase();
    const before = sha(file);
    const out = path.join(dir(), 'recovered.db');
    const report = recoverDatabaseFile(file, out);
    expect(sha(file)).toBe(before);
    expect(checkDatabaseFile(out).ok).toBe(true);
    const chunks = report.tables.find((t) => t.table === 'prediction_chunks')!;
    expect(chunks.unreadable).toHaveLength(1);
    expect(chunks.copied).toBeGreaterThan(CHUNKS * 0.8);
    expect(chunks.copied + (chunks.lost ?? 0)).toBe(CHUNKS);
    expect(report.tables.find((t) => t.table === 'videos')).toMatchObject({ copied: 1, lost: 0, unreadable: [] });
    expect(report.tables.find((t) => t.table === 'runs')).toMatchObject({ copied: 1, lost: 0 });
    // The run lost frames in the middle: it keeps its unbroken start and is no longer "completed".
    const [truncated] = report.truncatedRuns;
    expect(truncated).toMatchObject({ runId, status: 'failed' });
    const recovered: Store = track(openStore(out));
    const run = recovered.runs.get(runId)!;
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('DB_CORRUPT');
    expect(run.framesDone).toBe(truncated!.keptFrames);
    expect(recovered.predictions.lastCommittedFrame(runId)).toBe(truncated!.keptFrames - 1);
    expect(recovered.segments.listForRun(runId)).toEqual([]);
    // Values survive exactly: the first chunk's probabilities as written.
    const first = recovered.predictions.readRange(runId, 0, CHUNK);
    expect(first.probs.every((p) => p === 0)).toBe(true);
    expect(recovered.videos.list()[0]!.path).toBe(sampleVideo().path);
    // A raw look: the rowids after the damaged range were copied too (not just the start).
    const raw = new BetterSqlite3(out, { readonly: true });
    const maxStart = raw.prepare('SELECT max(start_frame) FROM prediction_chunks').pluck().get();
    raw.close();
    expect(maxStart).toBe(truncated!.keptFrames - CHUNK);
  });

  it('db recover never overwrites a file', () => {
    const { file } = damagedDatabase();
    const out = path.join(dir(), 'taken.db');
    openStore(out).close();
    expect(() => recoverDatabaseFile(file, out)).toThrow(/already exists/);
  });
});

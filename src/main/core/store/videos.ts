import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';
import type { VideoProbe } from '../../../shared/media.js';
import { dbAction } from './db-errors.js';

export interface NewVideo {
  /** Absolute path. */
  path: string;
  sizeBytes: number;
  mtimeMs: number;
  /** Content fingerprint: equal for copies of one file at different paths. */
  fingerprint: string;
  probe: VideoProbe;
}

export interface VideoRecord extends NewVideo {
  id: number;
  addedAt: string;
}

interface VideoRow {
  id: number;
  path: string;
  size_bytes: number;
  mtime_ms: number;
  fingerprint: string;
  probe_json: string;
  added_at: string;
}

const COLUMNS = 'id, path, size_bytes, mtime_ms, fingerprint, probe_json, added_at';

function toRecord(row: VideoRow): VideoRecord {
  return {
    id: row.id,
    path: row.path,
    sizeBytes: row.size_bytes,
    mtimeMs: row.mtime_ms,
    fingerprint: row.fingerprint,
    probe: JSON.parse(row.probe_json) as VideoProbe,
    addedAt: row.added_at,
  };
}

/** NaN and ±Infinity would not survive JSON or the CHECKs; the probe_json copy stays authoritative. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) && value > 0 ? value : null);

export class VideosRepository {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly getByPathStmt;
  private readonly byFingerprintStmt;
  private readonly listStmt;
  private readonly removeStmt;
  private readonly countStmt;

  constructor(db: BetterSqlite3.Database) {
    // Re-adding a path refreshes its facts but keeps its id (and so its runs) and its added_at.
    this.upsertStmt = db.prepare<Record<string, unknown>, VideoRow>(`
      INSERT INTO videos (path, size_bytes, mtime_ms, fingerprint, probe_json,
                          duration_sec, width, height, fps, frame_count, added_at)
      VALUES (@path, @sizeBytes, @mtimeMs, @fingerprint, @probeJson,
              @durationSec, @width, @height, @fps, @frameCount, @addedAt)
      ON CONFLICT (path) DO UPDATE SET
        size_bytes = excluded.size_bytes, mtime_ms = excluded.mtime_ms, fingerprint = excluded.fingerprint,
        probe_json = excluded.probe_json, duration_sec = excluded.duration_sec, width = excluded.width,
        height = excluded.height, fps = excluded.fps, frame_count = excluded.frame_count
      RETURNING ${COLUMNS}`);
    this.getStmt = db.prepare<[number], VideoRow>(`SELECT ${COLUMNS} FROM videos WHERE id = ?`);
    this.getByPathStmt = db.prepare<[string], VideoRow>(`SELECT ${COLUMNS} FROM videos WHERE path = ?`);
    this.byFingerprintStmt = db.prepare<[string], VideoRow>(
      `SELECT ${COLUMNS} FROM videos WHERE fingerprint = ? ORDER BY added_at, id`,
    );
    this.listStmt = db.prepare<[], VideoRow>(`SELECT ${COLUMNS} FROM videos ORDER BY added_at, id`);
    this.removeStmt = db.prepare<[number]>('DELETE FROM videos WHERE id = ?');
    this.countStmt = db.prepare<[], number>('SELECT count(*) FROM videos').pluck();
  }

  /** Inserts the video, or updates the row with the same path; returns the stored record. */
  upsert(video: NewVideo): VideoRecord {
    if (!path.isAbsolute(video.path)) {
      throw new AppError('INVALID_ARGUMENT', `Video path must be absolute: ${video.path}`, { field: 'path' });
    }
    const { probe } = video;
    const row = dbAction(`save the video ${video.path}`, () =>
      this.upsertStmt.get({
        path: video.path,
        sizeBytes: video.sizeBytes,
        mtimeMs: video.mtimeMs,
        fingerprint: video.fingerprint,
        probeJson: JSON.stringify(probe),
        durationSec: Number.isFinite(probe.durationSec) && probe.durationSec >= 0 ? probe.durationSec : null,
        width: finiteOrNull(probe.video.displayWidth),
        height: finiteOrNull(probe.video.displayHeight),
        fps: finiteOrNull(probe.video.fps),
        frameCount: Number.isInteger(probe.video.frameCount) && probe.video.frameCount >= 0 ? probe.video.frameCount : null,
        addedAt: new Date().toISOString(),
      }),
    );
    return toRecord(row as VideoRow);
  }

  get(id: number): VideoRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecord(row);
  }

  getByPath(videoPath: string): VideoRecord | undefined {
    const row = this.getByPathStmt.get(videoPath);
    return row && toRecord(row);
  }

  findByFingerprint(fingerprint: string): VideoRecord[] {
    return this.byFingerprintStmt.all(fingerprint).map(toRecord);
  }

  /** Ordered by added_at, then id. */
  list(): VideoRecord[] {
    return this.listStmt.all().map(toRecord);
  }

  /** Deletes the video and, by cascade, its runs, predictions, segments and annotation tracks. */
  remove(id: number): boolean {
    return dbAction(`remove video ${id}`, () => this.removeStmt.run(id).changes > 0);
  }

  count(): number {
    return this.countStmt.get() as number;
  }
}

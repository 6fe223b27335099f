import type BetterSqlite3 from 'better-sqlite3';
import { dbAction } from './db-errors.js';

/** One tracked person's probabilities over frames [startFrame, startFrame + probs.length / classCount). */
export interface PersonRows {
  trackId: number;
  startFrame: number;
  classCount: number;
  probs: Float32Array;
}

interface ChunkRow {
  track_id: number;
  start_frame: number;
  frame_count: number;
  class_count: number;
  probs: Buffer;
}

/** Per-person probabilities of skeleton action runs (migration 009), stored in chunks per track. */
export class PersonPredictionsRepository {
  readonly #insert: BetterSqlite3.Statement;
  readonly #has: BetterSqlite3.Statement;
  readonly #read: BetterSqlite3.Statement;
  readonly #tracks: BetterSqlite3.Statement;

  constructor(db: BetterSqlite3.Database) {
    this.#insert = db.prepare('INSERT OR IGNORE INTO person_prediction_chunks (run_id, track_id, start_frame, frame_count, class_count, probs) VALUES (?, ?, ?, ?, ?, ?)');
    this.#has = db.prepare('SELECT 1 FROM person_prediction_chunks WHERE run_id = ? AND track_id = ? AND start_frame = ?');
    this.#read = db.prepare(`
      SELECT track_id, start_frame, frame_count, class_count, probs FROM person_prediction_chunks
      WHERE run_id = ? AND start_frame < ? AND start_frame + frame_count > ? ORDER BY track_id, start_frame`);
    this.#tracks = db.prepare('SELECT track_id, MIN(start_frame) AS first, MAX(start_frame + frame_count) AS end FROM person_prediction_chunks WHERE run_id = ? GROUP BY track_id ORDER BY track_id');
  }

  /** Stores one chunk; a chunk already stored (same run, track and start) is kept as it is (a resumed run computes the same rows). */
  append(runId: number, rows: PersonRows): void {
    const frameCount = rows.probs.length / rows.classCount;
    dbAction('storing per-person probabilities', () => this.#insert.run(runId, rows.trackId, rows.startFrame, frameCount, rows.classCount, Buffer.from(rows.probs.buffer, rows.probs.byteOffset, rows.probs.byteLength)));
  }

  has(runId: number, trackId: number, startFrame: number): boolean {
    return dbAction('reading per-person probabilities', () => this.#has.get(runId, trackId, startFrame) !== undefined);
  }

  /** The stored chunks overlapping frames [startFrame, endFrame), per track in frame order (whole chunks, not cut). */
  readRange(runId: number, startFrame: number, endFrame: number): PersonRows[] {
    const rows = dbAction('reading per-person probabilities', () => this.#read.all(runId, endFrame, startFrame) as ChunkRow[]);
    return rows.map((r) => ({ trackId: r.track_id, startFrame: r.start_frame, classCount: r.class_count, probs: new Float32Array(new Uint8Array(r.probs).buffer) }));
  }

  /** Each track with rows in the run: its first frame and the frame after its last. */
  tracks(runId: number): { trackId: number; firstFrame: number; endFrame: number }[] {
    const rows = dbAction('reading per-person tracks', () => this.#tracks.all(runId) as { track_id: number; first: number; end: number }[]);
    return rows.map((r) => ({ trackId: r.track_id, firstFrame: r.first, endFrame: r.end }));
  }
}

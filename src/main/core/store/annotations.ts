import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';
import { dbAction, isSqliteError, wrapDbError } from './db-errors.js';

/** A named set of hand-made segments on one video (its segments live in SegmentsRepository). */
export interface AnnotationTrackRecord {
  id: number;
  videoId: number;
  name: string;
  createdAt: string;
}

interface TrackRow {
  id: number;
  video_id: number;
  name: string;
  created_at: string;
}

function toRecord(row: TrackRow): AnnotationTrackRecord {
  return { id: row.id, videoId: row.video_id, name: row.name, createdAt: row.created_at };
}

export class AnnotationsRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byVideoStmt;
  private readonly renameStmt;
  private readonly removeStmt;

  constructor(db: BetterSqlite3.Database) {
    this.insertStmt = db.prepare<[number, string, string], TrackRow>(
      'INSERT INTO annotation_tracks (video_id, name, created_at) VALUES (?, ?, ?) RETURNING *',
    );
    this.getStmt = db.prepare<[number], TrackRow>('SELECT * FROM annotation_tracks WHERE id = ?');
    this.byVideoStmt = db.prepare<[number], TrackRow>(
      'SELECT * FROM annotation_tracks WHERE video_id = ? ORDER BY created_at, id',
    );
    this.renameStmt = db.prepare<[string, number], TrackRow>('UPDATE annotation_tracks SET name = ? WHERE id = ? RETURNING *');
    this.removeStmt = db.prepare<[number]>('DELETE FROM annotation_tracks WHERE id = ?');
  }

  create(videoId: number, name: string): AnnotationTrackRecord {
    const row = this.uniqueName(name, `create the annotation track "${name}"`, () =>
      this.insertStmt.get(videoId, name, new Date().toISOString()),
    );
    return toRecord(row as TrackRow);
  }

  get(id: number): AnnotationTrackRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecord(row);
  }

  /** Oldest first. */
  listForVideo(videoId: number): AnnotationTrackRecord[] {
    return this.byVideoStmt.all(videoId).map(toRecord);
  }

  rename(id: number, name: string): AnnotationTrackRecord {
    const row = this.uniqueName(name, `rename annotation track ${id} to "${name}"`, () => this.renameStmt.get(name, id));
    if (!row) throw new AppError('NOT_FOUND', `Annotation track ${id} does not exist.`);
    return toRecord(row);
  }

  /** Deletes the track and its segments. */
  remove(id: number): boolean {
    return dbAction(`remove annotation track ${id}`, () => this.removeStmt.run(id).changes > 0);
  }

  /** A taken name is the user's input to fix, so it gets INVALID_ARGUMENT on `name` rather than DB_ERROR. */
  private uniqueName<T>(name: string, what: string, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
        throw new AppError('INVALID_ARGUMENT', `This video already has an annotation track named "${name}".`, { field: 'name' });
      }
      throw wrapDbError(error, what);
    }
  }
}

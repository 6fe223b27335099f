import type BetterSqlite3 from 'better-sqlite3';
import { dbAction } from './db-errors.js';

/** An action segment covering the half-open frame range [startFrame, endFrame) and [startSec, endSec). */
export interface NewSegment {
  label: string;
  /** Index into the model's classes; null for free-text annotation labels. */
  classIndex: number | null;
  startFrame: number;
  endFrame: number;
  startSec: number;
  endSec: number;
  /** In [0, 1]; null when not applicable (e.g. human annotations). */
  confidence: number | null;
}

/** Exactly one of runId (model output) and trackId (human annotation) is set. */
export interface SegmentRecord extends NewSegment {
  id: number;
  runId: number | null;
  trackId: number | null;
}

/** Half-open [startFrame, endFrame): a range query returns the segments that overlap it. */
export interface FrameRange {
  startFrame: number;
  endFrame: number;
}

interface SegmentRow {
  id: number;
  run_id: number | null;
  track_id: number | null;
  label: string;
  class_index: number | null;
  start_frame: number;
  end_frame: number;
  start_sec: number;
  end_sec: number;
  confidence: number | null;
}

function toRecord(row: SegmentRow): SegmentRecord {
  return {
    id: row.id,
    runId: row.run_id,
    trackId: row.track_id,
    label: row.label,
    classIndex: row.class_index,
    startFrame: row.start_frame,
    endFrame: row.end_frame,
    startSec: row.start_sec,
    endSec: row.end_sec,
    confidence: row.confidence,
  };
}

const ALL_FRAMES: FrameRange = { startFrame: 0, endFrame: Number.MAX_SAFE_INTEGER };

export class SegmentsRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byRunStmt;
  private readonly byTrackStmt;
  private readonly deleteForRunStmt;
  private readonly replaceRunTailTxn;
  private readonly deleteForTrackStmt;
  private readonly updateStmt;
  private readonly removeStmt;
  private readonly replaceForRunTxn;
  private readonly replaceForTrackTxn;

  constructor(db: BetterSqlite3.Database) {
    this.insertStmt = db.prepare<Record<string, unknown>, SegmentRow>(`
      INSERT INTO segments (run_id, track_id, label, class_index, start_frame, end_frame, start_sec, end_sec, confidence)
      VALUES (@runId, @trackId, @label, @classIndex, @startFrame, @endFrame, @startSec, @endSec, @confidence)
      RETURNING *`);
    this.getStmt = db.prepare<[number], SegmentRow>('SELECT * FROM segments WHERE id = ?');
    const overlapping = 'start_frame < @endFrame AND end_frame > @startFrame ORDER BY start_frame, id';
    type RangeParams = { owner: number } & FrameRange;
    this.byRunStmt = db.prepare<RangeParams, SegmentRow>(`SELECT * FROM segments WHERE run_id = @owner AND ${overlapping}`);
    this.byTrackStmt = db.prepare<RangeParams, SegmentRow>(`SELECT * FROM segments WHERE track_id = @owner AND ${overlapping}`);
    this.deleteForRunStmt = db.prepare<[number]>('DELETE FROM segments WHERE run_id = ?');
    this.deleteForTrackStmt = db.prepare<[number]>('DELETE FROM segments WHERE track_id = ?');
    this.updateStmt = db.prepare<Record<string, unknown>, SegmentRow>(`
      UPDATE segments SET label = @label, class_index = @classIndex, start_frame = @startFrame, end_frame = @endFrame,
        start_sec = @startSec, end_sec = @endSec, confidence = @confidence
      WHERE id = @id RETURNING *`);
    this.removeStmt = db.prepare<[number]>('DELETE FROM segments WHERE id = ?');
    this.replaceForRunTxn = db.transaction((runId: number, segments: readonly NewSegment[]) => {
      this.deleteForRunStmt.run(runId);
      for (const segment of segments) this.insertStmt.run({ ...segment, runId, trackId: null });
    });
    const deleteRunTail = db.prepare<[number, number]>('DELETE FROM segments WHERE run_id = ? AND start_frame >= ?');
    this.replaceRunTailTxn = db.transaction((runId: number, fromFrame: number, segments: readonly NewSegment[]) => {
      deleteRunTail.run(runId, fromFrame);
      for (const segment of segments) this.insertStmt.run({ ...segment, runId, trackId: null });
    });
    this.replaceForTrackTxn = db.transaction((trackId: number, segments: readonly NewSegment[]) => {
      this.deleteForTrackStmt.run(trackId);
      for (const segment of segments) this.insertStmt.run({ ...segment, runId: null, trackId });
    });
  }

  /** Atomically swaps a run's segments for `segments` (readers see the old set or the new one, never a mix). */
  replaceForRun(runId: number, segments: readonly NewSegment[]): void {
    dbAction(`save the segments of run ${runId}`, () => this.replaceForRunTxn(runId, segments));
  }

  /** Atomically swaps a run's segments starting at or after `fromFrame` for `segments` (a live run's tail). */
  replaceRunTail(runId: number, fromFrame: number, segments: readonly NewSegment[]): void {
    dbAction(`save the segments of run ${runId}`, () => this.replaceRunTailTxn(runId, fromFrame, segments));
  }

  /** Atomically swaps an annotation track's segments for `segments`. */
  replaceForTrack(trackId: number, segments: readonly NewSegment[]): void {
    dbAction(`save the segments of annotation track ${trackId}`, () => this.replaceForTrackTxn(trackId, segments));
  }

  /** Adds one hand-made segment to an annotation track. */
  addToTrack(trackId: number, segment: NewSegment): SegmentRecord {
    const row = dbAction(`add a segment to annotation track ${trackId}`, () =>
      this.insertStmt.get({ ...segment, runId: null, trackId }),
    );
    return toRecord(row as SegmentRow);
  }

  get(id: number): SegmentRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecord(row);
  }

  /** A run's segments overlapping `range` (all by default), in frame order. */
  listForRun(runId: number, range: FrameRange = ALL_FRAMES): SegmentRecord[] {
    return this.byRunStmt.all({ owner: runId, ...range }).map(toRecord);
  }

  /** A track's segments overlapping `range` (all by default), in frame order. */
  listForTrack(trackId: number, range: FrameRange = ALL_FRAMES): SegmentRecord[] {
    return this.byTrackStmt.all({ owner: trackId, ...range }).map(toRecord);
  }

  /** Edits a segment in place, keeping its owner; undefined when it does not exist. */
  update(id: number, segment: NewSegment): SegmentRecord | undefined {
    const row = dbAction(`update segment ${id}`, () => this.updateStmt.get({ ...segment, id }));
    return row && toRecord(row);
  }

  remove(id: number): boolean {
    return dbAction(`remove segment ${id}`, () => this.removeStmt.run(id).changes > 0);
  }
}

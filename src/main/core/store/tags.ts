import type BetterSqlite3 from 'better-sqlite3';
import type { DecisionKind, ProposalDecision, TagSegment, TrackLabel } from '../../../shared/tagging/types.js';
import { dbAction } from './db-errors.js';

/** A track segment written with its seconds (frame / fps); hand-made segments have no class index or confidence. */
export interface TagRow extends TagSegment {
  startSec: number;
  endSec: number;
}

interface LabelRow {
  name: string;
  color: string;
  hotkey: string | null;
  mode: 'toggle' | 'fixed';
  fixed_sec: number;
  lead_sec: number;
  lag_sec: number;
}

interface DecisionRow {
  id: number;
  track_id: number;
  run_id: number;
  proposal_id: number;
  decision: DecisionKind;
  label_before: string;
  label_after: string | null;
  start_before: number;
  end_before: number;
  start_after: number | null;
  end_after: number | null;
  segment_id: number | null;
  decided_at: string;
}

const toDecision = (r: DecisionRow): ProposalDecision => ({
  id: r.id,
  trackId: r.track_id,
  runId: r.run_id,
  proposalId: r.proposal_id,
  decision: r.decision,
  labelBefore: r.label_before,
  labelAfter: r.label_after,
  startBefore: r.start_before,
  endBefore: r.end_before,
  startAfter: r.start_after,
  endAfter: r.end_after,
  segmentId: r.segment_id,
  decidedAt: r.decided_at,
});

/**
 * The tagging side of the store: a track's label set, its segments written by id (so undo can
 * put a deleted row back under its own id: AUTOINCREMENT never hands a used id out again), and
 * proposal decisions. Callers group writes in `store.transaction` (one transaction per edit).
 */
export class TagsRepository {
  private readonly labelsStmt;
  private readonly deleteLabelsStmt;
  private readonly insertLabelStmt;
  private readonly insertSegmentStmt;
  private readonly insertSegmentWithIdStmt;
  private readonly updateSegmentStmt;
  private readonly deleteSegmentStmt;
  private readonly insertDecisionStmt;
  private readonly deleteDecisionStmt;
  private readonly decisionsStmt;

  constructor(db: BetterSqlite3.Database) {
    this.labelsStmt = db.prepare<[number], LabelRow>('SELECT * FROM track_labels WHERE track_id = ? ORDER BY position');
    this.deleteLabelsStmt = db.prepare<[number]>('DELETE FROM track_labels WHERE track_id = ?');
    this.insertLabelStmt = db.prepare<Record<string, unknown>>(`
      INSERT INTO track_labels (track_id, position, name, color, hotkey, mode, fixed_sec, lead_sec, lag_sec)
      VALUES (@trackId, @position, @name, @color, @hotkey, @mode, @fixedSec, @leadSec, @lagSec)`);
    const columns = 'run_id, track_id, label, class_index, start_frame, end_frame, start_sec, end_sec, confidence';
    const values = 'NULL, @trackId, @label, NULL, @startFrame, @endFrame, @startSec, @endSec, NULL';
    this.insertSegmentStmt = db.prepare<Record<string, unknown>, { id: number }>(`INSERT INTO segments (${columns}) VALUES (${values}) RETURNING id`);
    this.insertSegmentWithIdStmt = db.prepare<Record<string, unknown>>(`INSERT INTO segments (id, ${columns}) VALUES (@id, ${values})`);
    this.updateSegmentStmt = db.prepare<Record<string, unknown>>(`
      UPDATE segments SET label = @label, start_frame = @startFrame, end_frame = @endFrame, start_sec = @startSec, end_sec = @endSec
      WHERE id = @id AND track_id = @trackId`);
    this.deleteSegmentStmt = db.prepare<[number, number]>('DELETE FROM segments WHERE id = ? AND track_id = ?');
    this.insertDecisionStmt = db.prepare<Record<string, unknown>, { id: number }>(`
      INSERT INTO tag_decisions (id, track_id, run_id, proposal_id, decision, label_before, label_after, start_before, end_before, start_after, end_after, segment_id, decided_at)
      VALUES (@id, @trackId, @runId, @proposalId, @decision, @labelBefore, @labelAfter, @startBefore, @endBefore, @startAfter, @endAfter, @segmentId, @decidedAt)
      RETURNING id`);
    this.deleteDecisionStmt = db.prepare<[number]>('DELETE FROM tag_decisions WHERE id = ?');
    this.decisionsStmt = db.prepare<[number], DecisionRow>('SELECT * FROM tag_decisions WHERE track_id = ? ORDER BY id');
  }

  labels(trackId: number): TrackLabel[] {
    return this.labelsStmt.all(trackId).map((r) => ({
      name: r.name,
      color: r.color,
      hotkey: r.hotkey,
      mode: r.mode,
      fixedSec: r.fixed_sec,
      leadSec: r.lead_sec,
      lagSec: r.lag_sec,
    }));
  }

  setLabels(trackId: number, labels: readonly TrackLabel[]): void {
    dbAction(`save the labels of annotation track ${trackId}`, () => {
      this.deleteLabelsStmt.run(trackId);
      labels.forEach((label, position) => this.insertLabelStmt.run({ ...label, trackId, position }));
    });
  }

  /** Inserts a new row (no id) and returns its id, or puts a row back under its own id. */
  insertSegment(trackId: number, row: Omit<TagRow, 'id'> & { id?: number }): number {
    return dbAction(`add a segment to annotation track ${trackId}`, () => {
      if (row.id === undefined) return this.insertSegmentStmt.get({ ...row, trackId })!.id;
      this.insertSegmentWithIdStmt.run({ ...row, trackId });
      return row.id;
    });
  }

  updateSegment(trackId: number, row: TagRow): void {
    dbAction(`update segment ${row.id}`, () => this.updateSegmentStmt.run({ ...row, trackId }));
  }

  deleteSegment(trackId: number, id: number): void {
    dbAction(`remove segment ${id}`, () => this.deleteSegmentStmt.run(id, trackId));
  }

  /** Records a decision (or puts an undone one back under its id). */
  insertDecision(decision: Omit<ProposalDecision, 'id'> & { id?: number }): number {
    return dbAction('record a proposal decision', () => this.insertDecisionStmt.get({ ...decision, id: decision.id ?? null })!.id);
  }

  deleteDecision(id: number): void {
    dbAction(`remove proposal decision ${id}`, () => this.deleteDecisionStmt.run(id));
  }

  /** A track's decisions, oldest first. */
  decisions(trackId: number): ProposalDecision[] {
    return this.decisionsStmt.all(trackId).map(toDecision);
  }
}

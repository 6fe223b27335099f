import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';
import type { AlertRule, AlertRuleSettings, ReviewCount, ReviewFilter, ReviewItem, ReviewPage, ReviewSource, ReviewVerdict } from '../../../shared/review.js';
import { wrapDbError } from '../store/db-errors.js';
import type { GroupedItem } from './grouping.js';

/** A grouped item ready to store: where it is and when it happened. */
export interface NewReviewItem extends GroupedItem {
  startedAt: string;
  day: string;
  people: number | null;
}

interface SourceRow { id: number; name: string; path: string; recursive: number; model_ids_json: string; stride: number; created_at: string; watching: number; watch_error: string | null }
interface RuleRow { id: number; source_id: number; name: string; settings_json: string; created_at: string }
interface ItemRow {
  id: number; rule_id: number; source_id: number; source_name: string; video_id: number; video_path: string; run_id: number; model_id: string;
  start_sec: number; end_sec: number; started_at: string; day: string; score: number; classes_json: string; peak_frame: number; peak_sec: number;
  segment_count: number; people: number | null; verdict: ReviewVerdict | null; reviewed_at: string | null; note: string;
}

const toSource = (r: SourceRow): ReviewSource => ({ id: r.id, name: r.name, path: r.path, recursive: r.recursive === 1, modelIds: JSON.parse(r.model_ids_json) as string[], stride: r.stride, createdAt: r.created_at, watching: r.watching === 1, watchError: r.watch_error });
const toRule = (r: RuleRow): AlertRule => ({ id: r.id, sourceId: r.source_id, name: r.name, createdAt: r.created_at, ...(JSON.parse(r.settings_json) as AlertRuleSettings) });
const toItem = (r: ItemRow): ReviewItem => ({
  id: r.id, sourceId: r.source_id, sourceName: r.source_name, ruleId: r.rule_id, videoId: r.video_id, videoPath: r.video_path, runId: r.run_id, modelId: r.model_id,
  startSec: r.start_sec, endSec: r.end_sec, startedAt: r.started_at, day: r.day, score: r.score, classes: JSON.parse(r.classes_json) as string[],
  peakFrame: r.peak_frame, peakSec: r.peak_sec, segmentCount: r.segment_count, people: r.people, verdict: r.verdict, reviewedAt: r.reviewed_at, note: r.note,
});

const ITEM_SELECT = `SELECT i.*, s.name AS source_name, v.path AS video_path, r.model_id AS model_id
  FROM review_items i JOIN review_sources s ON s.id = i.source_id JOIN videos v ON v.id = i.video_id JOIN runs r ON r.id = i.run_id`;

/** A rule's items of one video by one model (any of its runs): what a recomputed run replaces. */
const SAME_MODEL = 'rule_id = ? AND video_id = ? AND run_id IN (SELECT id FROM runs WHERE video_id = ? AND model_id = ?)';

function filterSql(filter: ReviewFilter): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(clause);
    params[name] = value;
  };
  add('i.source_id = @sourceId', 'sourceId', filter.sourceId);
  add('i.day = @day', 'day', filter.day);
  add('EXISTS (SELECT 1 FROM json_each(i.classes_json) WHERE value = @className)', 'className', filter.className);
  const state = filter.state ?? 'all';
  if (state === 'unreviewed') clauses.push('i.verdict IS NULL');
  else if (state === 'reviewed') clauses.push("i.verdict = 'reviewed'");
  else if (state === 'false_alarm') clauses.push("i.verdict = 'false_alarm'");
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Sources, rules, items and false alarms in SQLite (migration 005). Every write commits or throws. */
export class ReviewRepository {
  constructor(private readonly db: BetterSqlite3.Database) {}

  #run<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw wrapDbError(error, what);
    }
  }

  addSource(source: Omit<ReviewSource, 'id' | 'createdAt' | 'watching' | 'watchError'> & { watching?: boolean }, now = new Date().toISOString()): ReviewSource {
    return this.#run(`add the source "${source.name}"`, () => {
      const row = this.db
        .prepare<unknown[], SourceRow>('INSERT INTO review_sources (name, path, recursive, model_ids_json, stride, created_at, watching) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *')
        .get(source.name, source.path, source.recursive ? 1 : 0, JSON.stringify(source.modelIds), source.stride, now, source.watching ? 1 : 0)!;
      return toSource(row);
    });
  }

  sources(): ReviewSource[] {
    return this.db.prepare<[], SourceRow>('SELECT * FROM review_sources ORDER BY name').all().map(toSource);
  }

  source(id: number): ReviewSource {
    const row = this.db.prepare<[number], SourceRow>('SELECT * FROM review_sources WHERE id = ?').get(id);
    if (!row) throw new AppError('NOT_FOUND', `No source ${id}.`);
    return toSource(row);
  }

  /** A source by id or by name (the CLI takes either). */
  findSource(idOrName: string): ReviewSource {
    const row = /^\d+$/.test(idOrName)
      ? this.db.prepare<[number], SourceRow>('SELECT * FROM review_sources WHERE id = ?').get(Number(idOrName))
      : this.db.prepare<[string], SourceRow>('SELECT * FROM review_sources WHERE name = ?').get(idOrName);
    if (!row) throw new AppError('NOT_FOUND', `No source "${idOrName}" (see: actionlens sources list).`);
    return toSource(row);
  }

  /** Watched or not; a source no longer watched forgets its last problem. */
  setWatching(id: number, watching: boolean): ReviewSource {
    const row = this.#run(`change watching of source ${id}`, () =>
      this.db.prepare<[number, number, number], SourceRow>('UPDATE review_sources SET watching = ?, watch_error = CASE WHEN ? = 1 THEN watch_error END WHERE id = ? RETURNING *').get(watching ? 1 : 0, watching ? 1 : 0, id),
    );
    if (!row) throw new AppError('NOT_FOUND', `No source ${id}.`);
    return toSource(row);
  }

  /** Records the last watch problem (null: none); true when it changed. */
  setWatchError(id: number, error: string | null): boolean {
    return this.#run(`record the watch state of source ${id}`, () => this.db.prepare('UPDATE review_sources SET watch_error = ? WHERE id = ? AND watch_error IS NOT ?').run(error, id, error).changes > 0);
  }

  removeSource(id: number): boolean {
    return this.#run(`remove source ${id}`, () => this.db.prepare('DELETE FROM review_sources WHERE id = ?').run(id).changes > 0);
  }

  addRule(sourceId: number, name: string, settings: AlertRuleSettings, now = new Date().toISOString()): AlertRule {
    return this.#run(`add the rule "${name}"`, () =>
      toRule(this.db.prepare<unknown[], RuleRow>('INSERT INTO alert_rules (source_id, name, settings_json, created_at) VALUES (?, ?, ?, ?) RETURNING *').get(sourceId, name, JSON.stringify(settings), now)!),
    );
  }

  updateRule(id: number, settings: AlertRuleSettings): AlertRule {
    return this.#run(`change rule ${id}`, () => {
      const row = this.db.prepare<unknown[], RuleRow>('UPDATE alert_rules SET settings_json = ? WHERE id = ? RETURNING *').get(JSON.stringify(settings), id);
      if (!row) throw new AppError('NOT_FOUND', `No alert rule ${id}.`);
      return toRule(row);
    });
  }

  rules(sourceId?: number): AlertRule[] {
    const rows = sourceId === undefined
      ? this.db.prepare<[], RuleRow>('SELECT * FROM alert_rules ORDER BY source_id, id').all()
      : this.db.prepare<[number], RuleRow>('SELECT * FROM alert_rules WHERE source_id = ? ORDER BY id').all(sourceId);
    return rows.map(toRule);
  }

  rule(id: number): AlertRule {
    const row = this.db.prepare<[number], RuleRow>('SELECT * FROM alert_rules WHERE id = ?').get(id);
    if (!row) throw new AppError('NOT_FOUND', `No alert rule ${id}.`);
    return toRule(row);
  }

  /**
   * Replaces a rule's items of one run. A new item overlapping an old one of the same video takes
   * over its verdict and note, so recomputing (a longer recording, a changed rule) keeps the triage.
   */
  replaceItems(rule: AlertRule, run: { id: number; videoId: number; modelId: string }, items: readonly NewReviewItem[]): number {
    return this.#run(`store the review items of run ${run.id}`, () =>
      this.db.transaction(() => {
        const old = this.db
          .prepare<[number, number, number, string], { start_sec: number; end_sec: number; verdict: ReviewVerdict | null; reviewed_at: string | null; note: string }>(
            `SELECT start_sec, end_sec, verdict, reviewed_at, note FROM review_items WHERE ${SAME_MODEL} AND (verdict IS NOT NULL OR note <> '')`,
          )
          .all(rule.id, run.videoId, run.videoId, run.modelId);
        this.db.prepare(`DELETE FROM review_items WHERE ${SAME_MODEL}`).run(rule.id, run.videoId, run.videoId, run.modelId);
        const insert = this.db.prepare(`INSERT INTO review_items (rule_id, source_id, video_id, run_id, start_sec, end_sec, started_at, day, score, classes_json,
          peak_frame, peak_sec, segment_count, people, verdict, reviewed_at, note) VALUES (@ruleId, @sourceId, @videoId, @runId, @startSec, @endSec, @startedAt, @day,
          @score, @classesJson, @peakFrame, @peakSec, @segmentCount, @people, @verdict, @reviewedAt, @note)`);
        for (const item of items) {
          const kept = old.find((o) => o.start_sec < item.endSec && o.end_sec > item.startSec);
          insert.run({
            ruleId: rule.id, sourceId: rule.sourceId, videoId: run.videoId, runId: run.id, startSec: item.startSec, endSec: item.endSec, startedAt: item.startedAt,
            day: item.day, score: item.score, classesJson: JSON.stringify(item.classes), peakFrame: item.peakFrame, peakSec: item.peakSec,
            segmentCount: item.segmentIds.length, people: item.people, verdict: kept?.verdict ?? null, reviewedAt: kept?.reviewed_at ?? null, note: kept?.note ?? '',
          });
        }
        return items.length;
      })(),
    );
  }

  page(filter: ReviewFilter = {}): ReviewPage {
    const { where, params } = filterSql(filter);
    const limit = Math.min(filter.limit ?? 200, 1000);
    const items = this.db.prepare<Record<string, unknown>, ItemRow>(`${ITEM_SELECT} ${where} ORDER BY i.started_at DESC, i.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset: filter.offset ?? 0 }).map(toItem);
    const total = this.db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM review_items i ${where}`).get(params)!.n;
    const unreviewedTotal = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM review_items WHERE verdict IS NULL').get()!.n;
    return { items, total, unreviewedTotal };
  }

  item(id: number): ReviewItem {
    const row = this.db.prepare<[number], ItemRow>(`${ITEM_SELECT} WHERE i.id = ?`).get(id);
    if (!row) throw new AppError('NOT_FOUND', `No review item ${id}.`);
    return toItem(row);
  }

  counts(): ReviewCount[] {
    return this.db.prepare<[], { day: string; source_id: number; source_name: string; total: number; unreviewed: number }>(
      `SELECT i.day, i.source_id, s.name AS source_name, count(*) AS total, sum(i.verdict IS NULL) AS unreviewed
       FROM review_items i JOIN review_sources s ON s.id = i.source_id GROUP BY i.day, i.source_id ORDER BY i.day DESC, s.name`,
    ).all().map((r) => ({ day: r.day, sourceId: r.source_id, sourceName: r.source_name, total: r.total, unreviewed: r.unreviewed }));
  }

  /** Marks items (null clears the verdict). A false alarm is also kept per rule and class. */
  setVerdict(ids: readonly number[], verdict: ReviewVerdict | null, now = new Date().toISOString()): number {
    return this.#run('mark the review items', () =>
      this.db.transaction(() => {
        const update = this.db.prepare('UPDATE review_items SET verdict = ?, reviewed_at = ? WHERE id = ?');
        const alarm = this.db.prepare('INSERT OR IGNORE INTO review_false_alarms (rule_id, class, score, video_id, start_sec, end_sec, marked_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        let changed = 0;
        for (const id of ids) {
          const item = this.item(id);
          changed += update.run(verdict, verdict === null ? null : now, id).changes;
          if (verdict === 'false_alarm') for (const cls of item.classes) alarm.run(item.ruleId, cls, item.score, item.videoId, item.startSec, item.endSec, now);
        }
        return changed;
      })(),
    );
  }

  setNote(id: number, note: string): ReviewItem {
    return this.#run(`save the note of review item ${id}`, () => {
      if (this.db.prepare('UPDATE review_items SET note = ? WHERE id = ?').run(note, id).changes === 0) throw new AppError('NOT_FOUND', `No review item ${id}.`);
      return this.item(id);
    });
  }

  /** False alarms kept for a rule: class and the item's score. */
  falseAlarms(ruleId: number): { className: string; score: number }[] {
    return this.db.prepare<[number], { class: string; score: number }>('SELECT class, score FROM review_false_alarms WHERE rule_id = ? ORDER BY class, score').all(ruleId)
      .map((r) => ({ className: r.class, score: r.score }));
  }

  /** Scores of a rule's items (all verdicts): what a threshold change would keep or remove. */
  itemScores(ruleId: number): { score: number; verdict: ReviewVerdict | null }[] {
    return this.db.prepare<[number], { score: number; verdict: ReviewVerdict | null }>('SELECT score, verdict FROM review_items WHERE rule_id = ?').all(ruleId);
  }
}

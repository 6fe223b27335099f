/**
 * `actionlens db check` and `db recover`: what SQLite says of a database file, and a new database holding
 * every row that can still be read from a damaged one. The damaged file is only ever opened read-only.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';
import { checkFindings, openDatabase, type Database } from './database.js';
import { isCorruptionError, isSqliteError } from './db-errors.js';

export interface IntegrityReport {
  file: string;
  ok: boolean;
  /** integrity_check's findings (at most 100), or why the file could not be read at all. */
  problems: string[];
}

export interface TableSalvage {
  table: string;
  copied: number;
  /** Rows the damaged file says it holds but that could not be read; null when it cannot even count them. */
  lost: number | null;
  /** Rowid ranges skipped because SQLite could not read them, e.g. "13–40". */
  unreadable: string[];
  /** Rows read but refused by the new database: their parent row was lost (a run of a lost video), or a value is invalid. */
  refused: number;
}

export interface TruncatedRun {
  runId: number;
  /** Frames [0, keptFrames) survived in order; later chunks were dropped so the run has no hole. */
  keptFrames: number;
  status: string;
}

export interface RecoveryReport {
  source: string;
  out: string;
  tables: TableSalvage[];
  truncatedRuns: TruncatedRun[];
}

type Row = unknown[];

function openDamaged(file: string): BetterSqlite3.Database {
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `There is no database at ${file}.`, { file });
  try {
    return new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError('DB_CORRUPT', `Cannot open ${file} at all (${(error as Error).message}).`, { file, cause: error });
  }
}

/** PRAGMA integrity_check (the full check, indexes included) on a read-only connection. */
export function checkDatabaseFile(file: string): IntegrityReport {
  const db = openDamaged(file);
  try {
    // [Note: past its first findings a check may go on to read a damaged page and throw SQLITE_CORRUPT
    // instead of listing them; fewer findings, then the lighter quick_check, still say where the damage is.]
    let failure = '';
    for (const check of ['integrity_check(100)', 'integrity_check(10)', 'quick_check(10)', 'quick_check(1)']) {
      try {
        const problems = checkFindings(db.pragma(check) as Record<string, string>[]);
        const ok = problems.length === 1 && problems[0] === 'ok';
        return { file, ok, problems: ok ? [] : problems };
      } catch (error) {
        if (!isSqliteError(error)) throw error;
        failure ||= `${error.code}: ${error.message}`;
      }
    }
    return { file, ok: false, problems: [failure] };
  } finally {
    db.close();
  }
}

/**
 * Copies every readable row of `file` into a new database `out` with the current schema, table by table,
 * parents before children, keeping ids. [Note: SQLite's own `.recover` lives in the sqlite3 shell, not in
 * the library better-sqlite3 builds, and VACUUM INTO stops at the first damaged page; so each table is read
 * in rowid order, and where a read fails the scan jumps ahead (doubling, then bisecting back) to the first
 * rowid it can read again, recording the range it skipped.] Runs left with a hole in their frames keep
 * only their unbroken start: a completed one becomes failed (analysing again recomputes it), so nothing
 * reports results that are no longer stored.
 */
export function recoverDatabaseFile(file: string, out: string): RecoveryReport {
  if (existsSync(out)) throw new AppError('INVALID_ARGUMENT', `${out} already exists; recovery writes a new file and never overwrites one.`, { file: out, field: 'out' });
  const source = openDamaged(file);
  let target: Database | undefined;
  try {
    const sourceTables = readTableNames(source, file);
    target = openDatabase(out);
    const into = target;
    const tables = tablesParentsFirst(into).filter((table) => sourceTables.has(table));
    const report: RecoveryReport = { source: file, out, tables: [], truncatedRuns: [] };
    into.transaction(() => {
      for (const table of tables) report.tables.push(copyTable(source, into, table));
      report.truncatedRuns = closeRunHoles(into);
    })();
    const check = (into.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check;
    if (check !== 'ok') throw new AppError('INTERNAL', `The recovered database ${out} does not pass integrity_check (${check}).`, { file: out });
    return report;
  } finally {
    source.close();
    target?.close();
  }
}

function readTableNames(db: BetterSqlite3.Database, file: string): Set<string> {
  try {
    const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return new Set(rows);
  } catch (error) {
    throw new AppError('DB_CORRUPT', `Cannot read the list of tables of ${file} (${(error as Error).message}); nothing can be recovered from it.`, { file, cause: error });
  }
}

/** The new database's tables, each after the tables its foreign keys point to. */
function tablesParentsFirst(db: Database): string[] {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const parents = new Map(names.map((name) => [name, (db.pragma(`foreign_key_list("${name}")`) as { table: string }[]).map((fk) => fk.table)]));
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const parent of parents.get(name) ?? []) if (parent !== name) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

const columnsOf = (db: BetterSqlite3.Database, table: string) => (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function copyTable(source: BetterSqlite3.Database, target: Database, table: string): TableSalvage {
  const wanted = new Set(columnsOf(target, table));
  const columns = columnsOf(source, table).filter((column) => wanted.has(column));
  const list = columns.map(quoted).join(', ');
  const scan = source.prepare(`SELECT rowid, ${list} FROM ${quoted(table)} WHERE rowid >= ? ORDER BY rowid`).raw(true);
  const first = source.prepare(`SELECT rowid, ${list} FROM ${quoted(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`).raw(true);
  const insert = target.prepare(`INSERT INTO ${quoted(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  const result: TableSalvage = { table, copied: 0, lost: null, unreadable: [], refused: 0 };
  const readableFrom = (rowid: number): boolean => {
    try {
      first.get(rowid);
      return true;
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      return false;
    }
  };
  let from = Number.MIN_SAFE_INTEGER;
  for (;;) {
    try {
      for (const row of scan.iterate(from) as IterableIterator<Row>) {
        from = (row[0] as number) + 1;
        try {
          insert.run(...row.slice(1));
          result.copied += 1;
        } catch (error) {
          if (!isSqliteError(error, 'SQLITE_CONSTRAINT')) throw error;
          result.refused += 1;
        }
      }
      break;
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      const next = nextReadable(from, readableFrom);
      result.unreadable.push(next === null ? `${from}–end` : `${from}–${next - 1}`);
      if (next === null) break;
      from = next;
    }
  }
  try {
    const count = source.prepare(`SELECT count(*) FROM ${quoted(table)}`).pluck().get() as number;
    result.lost = Math.max(0, count - result.copied - result.refused);
  } catch (error) {
    if (!isCorruptionError(error)) throw error;
  }
  return result;
}

/** The smallest rowid after `from` where reading works again, or null when nothing after it can be read. */
function nextReadable(from: number, readableFrom: (rowid: number) => boolean): number | null {
  let bad = from;
  let step = 1;
  while (!readableFrom(from + step)) {
    bad = from + step;
    step *= 2;
    if (from + step > Number.MAX_SAFE_INTEGER) return null;
  }
  let good = from + step;
  while (good - bad > 1) {
    const middle: number = bad + Math.floor((good - bad) / 2);
    if (readableFrom(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

/** Drops every chunk after a run's first hole; runs that lost frames they had stored say so (see recoverDatabaseFile). */
function closeRunHoles(db: Database): TruncatedRun[] {
  const runs = db.prepare('SELECT id, status, frames_done FROM runs ORDER BY id').all() as { id: number; status: string; frames_done: number }[];
  const chunks = db.prepare('SELECT start_frame, frame_count FROM prediction_chunks WHERE run_id = ? ORDER BY start_frame');
  const dropAfter = db.prepare('DELETE FROM prediction_chunks WHERE run_id = ? AND start_frame >= ?');
  const dropSegments = db.prepare('DELETE FROM segments WHERE run_id = ?');
  const fail = db.prepare(`UPDATE runs SET status = 'failed', frames_done = @kept, finished_at = coalesce(finished_at, @now), error_json = @error WHERE id = @id`);
  const shorten = db.prepare('UPDATE runs SET frames_done = @kept WHERE id = @id');
  const truncated: TruncatedRun[] = [];
  for (const run of runs) {
    let kept = 0;
    for (const chunk of chunks.all(run.id) as { start_frame: number; frame_count: number }[]) {
      if (chunk.start_frame !== kept) break;
      kept += chunk.frame_count;
    }
    dropAfter.run(run.id, kept);
    if (kept >= run.frames_done) continue;
    if (run.status === 'completed') {
      const message = `Frames from ${kept} on were lost when the damaged database was recovered; analyse the video again to recompute them.`;
      fail.run({ id: run.id, kept, now: new Date().toISOString(), error: JSON.stringify({ name: 'AppError', code: 'DB_CORRUPT', message }) });
      dropSegments.run(run.id);
    } else {
      shorten.run({ id: run.id, kept });
    }
    truncated.push({ runId: run.id, keptFrames: kept, status: run.status === 'completed' ? 'failed' : run.status });
  }
  return truncated;
}

import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';
import { corruptionError, isSqliteError, wrapDbError } from './db-errors.js';
import { assertNotFromFuture, migrate, readUserVersion, SCHEMA_VERSION } from './migrate.js';
import { guardDatabase } from './statement-guard.js';

export type Database = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /** Open without writing: no folder creation, no migration; the schema must already be current. */
  readonly?: boolean;
  /**
   * Path of a better-sqlite3 binary built for this runtime. The desktop app in development uses
   * the Electron build from `npm run prepare:electron`; Node uses the one in node_modules.
   */
  nativeBinding?: string;
  /** Files up to this size (bytes) get a `PRAGMA quick_check` at open; default {@link QUICK_CHECK_MAX_BYTES}. */
  quickCheckMaxBytes?: number;
}

/**
 * [Note: quick_check walks every b-tree page and overflow chain, without comparing indexes to tables.
 * Measured on this machine (2 shared cores under load, page cache warm): 38 ms for 17 MB (five
 * 100k-frame runs of an 11-class model, a large library for the built-in models), 90–170 ms for 82 MB
 * (one 100k-frame run of a 400-class model), 660–920 ms for 410 MB. So it runs at every open up to
 * 256 MiB (a few tenths of a second at most); a bigger file skips it and relies on the statement guard,
 * which catches damage when a damaged page is read.]
 */
export const QUICK_CHECK_MAX_BYTES = 256 * 1024 ** 2;

const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) and migrates an ActionLens database. Throws AppError on every failure. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const readonly = options.readonly ?? false;
  const db = connect(file, readonly, options.nativeBinding);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    // Before anything that writes (WAL changes the file header): a newer app's database must stay untouched.
    assertNotFromFuture(db);
    quickCheck(db, file, options.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES);
    guardDatabase(db);
    if (readonly) {
      assertCurrentSchema(db);
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw describeOpenError(error, file);
  }
}

function connect(file: string, readonly: boolean, nativeBinding: string | undefined): Database {
  try {
    if (!readonly) createPrivately(file);
    return new BetterSqlite3(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    throw describeOpenError(error, file);
  }
}

/** Refuses a damaged file before anything reads or writes it (see QUICK_CHECK_MAX_BYTES). */
function quickCheck(db: Database, file: string, maxBytes: number): void {
  const size = db.memory ? 0 : (statSync(file, { throwIfNoEntry: false })?.size ?? 0);
  if (size === 0 || size > maxBytes) return;
  const problems = checkFindings(db.pragma('quick_check(3)') as Record<string, string>[]);
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw corruptionError(file, null, `quick_check: ${problems.join('; ')}`);
}

/** The lines of a quick_check/integrity_check answer, without SQLite's "*** in database main ***" headings. */
export function checkFindings(rows: Record<string, string>[]): string[] {
  return rows.flatMap((row) => Object.values(row)[0]!.split('\n')).filter((line) => line !== '' && !/^\*\*\* in database/.test(line));
}

/**
 * A new database file is made owner-only (0600) before SQLite opens it; SQLite gives its -wal and -shm
 * files the database file's mode. New folders on the way are 0700.
 */
function createPrivately(file: string): void {
  if (file === ':memory:' || existsSync(file)) return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function assertCurrentSchema(db: Database): void {
  const version = readUserVersion(db);
  if (version < SCHEMA_VERSION) {
    throw new AppError(
      'DB_ERROR',
      `The database ${db.name} has schema version ${version}, older than this ActionLens (version ${SCHEMA_VERSION}), ` +
        'and cannot be upgraded while opened read-only. Open it once read-write to upgrade it.',
      { file: db.name },
    );
  }
}

/** Maps a failure while opening to an AppError a person can act on. Exported for tests. */
export function describeOpenError(error: unknown, file: string): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|was compiled against a different/.test(message)) {
    const runtime = process.versions.electron ? `Electron ${process.versions.electron}` : `Node ${process.versions.node}`;
    return new AppError(
      'DB_ERROR',
      `The SQLite module (better-sqlite3) was built for another runtime (Electron vs Node) than the one running now ` +
        `(${runtime}, NODE_MODULE_VERSION ${process.versions.modules}). Rebuild it: \`npm rebuild better-sqlite3\` ` +
        `to run under Node (CLI, tests), or \`npx electron-builder install-app-deps\` to run under Electron.`,
      { cause: error },
    );
  }
  if (isSqliteError(error, 'SQLITE_NOTADB') || /file is not a database/.test(message)) {
    return new AppError('DB_ERROR', `${file} is not an ActionLens database (file is not a database): another kind of file, or a database whose first page is damaged (then nothing in it can be read; restore a backup).`, {
      file,
      cause: error,
    });
  }
  if (isSqliteError(error, 'SQLITE_CORRUPT')) return corruptionError(file, error);
  if (isSqliteError(error, 'SQLITE_CANTOPEN') || /directory does not exist/.test(message)) {
    return new AppError('DB_ERROR', `Cannot open the database ${file}: it is missing or not accessible.`, {
      file,
      cause: error,
    });
  }
  if (isSqliteError(error)) return wrapDbError(error, `open the database ${file}`, file);
  return new AppError('DB_ERROR', `Cannot open the database ${file}: ${message}`, { file, cause: error });
}

import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';

/** SQLite failures phrased for a person (matched on code or message); the raw SQLite message follows. */
const EXPLANATIONS: ReadonlyArray<[pattern: RegExp, text: string]> = [
  [/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)|UNIQUE constraint/, 'it already exists'],
  // ON DELETE RESTRICT reports SQLITE_CONSTRAINT_TRIGGER, hence the message match.
  [
    /^SQLITE_CONSTRAINT_FOREIGNKEY|FOREIGN KEY constraint/,
    'it refers to something that does not exist, or is still used by other records',
  ],
  [/^SQLITE_CONSTRAINT/, 'a value is out of range or missing'],
  [/^SQLITE_BUSY/, 'the database is locked by another process (is a second ActionLens running?)'],
  [/^SQLITE_READONLY/, 'the database is read-only'],
  [/^SQLITE_FULL/, 'the disk is full'],
  [/^SQLITE_CORRUPT/, 'the database file is damaged'],
  [/^SQLITE_NOTADB/, 'the file is not an ActionLens database'],
  [/^SQLITE_CANTOPEN/, 'the file cannot be opened (missing, or no permission)'],
  [/^SQLITE_IOERR/, 'the disk could not be read or written'],
];

export function isSqliteError(error: unknown, codePrefix = 'SQLITE_'): error is InstanceType<typeof BetterSqlite3.SqliteError> {
  return error instanceof BetterSqlite3.SqliteError && error.code.startsWith(codePrefix);
}

/** A damaged file: SQLite cannot trust what it reads from it. */
export function isCorruptionError(error: unknown): boolean {
  return isSqliteError(error, 'SQLITE_CORRUPT') || isSqliteError(error, 'SQLITE_NOTADB');
}

/**
 * The database file each SqliteError came from, recorded by the statement guard (statement-guard.ts)
 * as it passes the error on, so every message can name the file without each call site knowing it.
 */
const errorFiles = new WeakMap<object, string>();

export function rememberDatabaseFile(error: unknown, file: string): void {
  if (typeof error === 'object' && error !== null && !errorFiles.has(error)) errorFiles.set(error, file);
}

/** What to do about a damaged database, in the words of the CLI (the desktop app shows the same). */
export function recoveryAdvice(file: string): string {
  return `Nothing more is written to it. Check it with "actionlens --db ${file} db check" and copy what is readable into a new database with "actionlens --db ${file} db recover" (the damaged file is kept).`;
}

/** The one error a damaged database gives, whatever was being done: the file, the reason and the way out. */
export function corruptionError(file: string, cause: unknown, detail?: string): AppError {
  const reason = detail ?? (isSqliteError(cause) ? `${cause.code}: ${cause.message}` : String(cause));
  return new AppError('DB_CORRUPT', `The database ${file} is damaged (${reason}). ${recoveryAdvice(file)}`, { file, cause });
}

/**
 * Turns a SQLite failure into an AppError('DB_ERROR') whose message says what was being done, in which
 * database file, and why it failed. AppErrors pass through untouched, so repository calls may nest inside
 * `store.transaction`.
 */
export function wrapDbError(error: unknown, what: string, file?: string): AppError {
  if (error instanceof AppError) return error;
  const where = file ?? (typeof error === 'object' && error !== null ? errorFiles.get(error) : undefined);
  if (!isSqliteError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new AppError('INTERNAL', `Could not ${what}: ${message}`, { cause: error, file: where });
  }
  if (where !== undefined && isCorruptionError(error)) return corruptionError(where, error);
  const reason =
    EXPLANATIONS.find(([pattern]) => pattern.test(error.code) || pattern.test(error.message))?.[1] ?? 'a database error occurred';
  const inFile = where === undefined || what.includes(where) ? '' : ` in ${where}`;
  return new AppError('DB_ERROR', `Could not ${what}${inFile}: ${reason} (${error.code}: ${error.message})`, { cause: error, file: where });
}

/** Runs `fn`, rethrowing any failure through {@link wrapDbError}. */
export function dbAction<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw wrapDbError(error, what);
  }
}

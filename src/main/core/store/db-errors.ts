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

/**
 * Turns a SQLite failure into an AppError('DB_ERROR') whose message says what was being done and why it failed.
 * AppErrors pass through untouched, so repository calls may nest inside `store.transaction`.
 */
export function wrapDbError(error: unknown, what: string, file?: string): AppError {
  if (error instanceof AppError) return error;
  if (!isSqliteError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new AppError('INTERNAL', `Could not ${what}: ${message}`, { cause: error, file });
  }
  const reason =
    EXPLANATIONS.find(([pattern]) => pattern.test(error.code) || pattern.test(error.message))?.[1] ?? 'a database error occurred';
  return new AppError('DB_ERROR', `Could not ${what}: ${reason} (${error.code}: ${error.message})`, { cause: error, file });
}

/** Runs `fn`, rethrowing any failure through {@link wrapDbError}. */
export function dbAction<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw wrapDbError(error, what);
  }
}

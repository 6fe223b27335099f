/**
 * The CLI's one error path: every failure, whichever command and whatever threw it, becomes one line on
 * stderr (`actionlens: …`, control characters escaped) and an exit code from EXIT. A stack trace is
 * printed only for a failure that is ActionLens's own bug, and only with ACTIONLENS_DEBUG=1.
 */
import BetterSqlite3 from 'better-sqlite3';
import { CommanderError } from 'commander';
import { AppError, isAppError } from '../../shared/errors.js';
import { wrapDbError } from '../core/store/index.js';
import { plain } from './plain.js';

/** Exit codes, documented in README ("Exit codes"). */
export const EXIT = {
  ok: 0,
  /** The input or the request was wrong (a missing file, an unknown id, a bad option), or the work it asked for failed. */
  user: 1,
  /** The database cannot be used: disk full, locked, damaged, or written by a newer ActionLens. */
  database: 2,
  /** A fault in ActionLens itself (details with ACTIONLENS_DEBUG=1). */
  internal: 3,
} as const;

export const DEBUG_ENV = 'ACTIONLENS_DEBUG';

/** Node's system errors a person causes and can fix, in words. */
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'it already exists',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'the address is not available on this machine',
  EMFILE: 'too many open files',
};

export interface DescribedError {
  message: string;
  exitCode: number;
  /** Only for internal errors. */
  stack?: string;
}

export function describeCliError(error: unknown): DescribedError {
  if (error instanceof BetterSqlite3.SqliteError) return describeCliError(wrapDbError(error, 'use the database'));
  if (isAppError(error)) {
    const exitCode = error.code.startsWith('DB_') ? EXIT.database : error.code === 'INTERNAL' ? EXIT.internal : EXIT.user;
    return { message: error.message, exitCode, ...(exitCode === EXIT.internal ? { stack: stackOf(error) } : {}) };
  }
  if (error instanceof CommanderError) return { message: error.message.replace(/^error: /, ''), exitCode: EXIT.user };
  const system = error as NodeJS.ErrnoException;
  if (system instanceof Error && typeof system.code === 'string' && SYSTEM_REASONS[system.code]) {
    const where = system.path ?? (system as { address?: string }).address;
    return { message: `${where ? `${where}: ` : ''}${SYSTEM_REASONS[system.code]} (${system.code}).`, exitCode: EXIT.user };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${message}`, exitCode: EXIT.internal, stack: stackOf(error) };
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}

/** Names what `error` is about, for JSON output. */
export function errorCode(error: unknown): string {
  if (isAppError(error)) return error.code;
  if (error instanceof BetterSqlite3.SqliteError) return 'DB_ERROR';
  if (error instanceof CommanderError) return 'INVALID_ARGUMENT';
  return 'INTERNAL';
}

/** One line on stderr, and the exit code (the worst seen wins). */
export function printError(error: unknown, env: NodeJS.ProcessEnv = process.env): DescribedError {
  const described = describeCliError(error);
  process.stderr.write(`actionlens: ${plain(described.message)}\n`);
  if (described.stack && env[DEBUG_ENV]) process.stderr.write(`${described.stack}\n`);
  else if (described.exitCode === EXIT.internal) process.stderr.write(`actionlens: this is a fault in ActionLens; run again with ${DEBUG_ENV}=1 for details.\n`);
  process.exitCode = Math.max(Number(process.exitCode ?? 0), described.exitCode);
  return described;
}

/** An AppError for a user mistake caught by the CLI itself (a bad id, an --out that is a folder). */
export function usageError(message: string, field?: string): AppError {
  return new AppError('INVALID_ARGUMENT', message, field === undefined ? {} : { field });
}

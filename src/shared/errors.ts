/**
 * Typed errors that cross every boundary (worker → main → IPC/HTTP → renderer, and the CLI).
 * A code tells a program what happened; the message tells a person, and names the file or field.
 */
export const ERROR_CODES = [
  'FILE_NOT_FOUND',
  'NOT_A_FILE',
  'EMPTY_FILE',
  'UNREADABLE',
  'NOT_MEDIA',
  'NO_VIDEO_STREAM',
  'CORRUPT_MEDIA',
  'DECODE_FAILED',
  'CANCELLED',
  /** The same work is being computed by another live process sharing the database. */
  'ALREADY_RUNNING',
  'BINARY_NOT_FOUND',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'DB_FROM_FUTURE',
  'DB_ERROR',
  /** The database file is damaged (SQLITE_CORRUPT / NOTADB): nothing more is written to it until it is recovered. */
  'DB_CORRUPT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorDetails {
  /** The file the error is about, as the user gave it. */
  file?: string;
  /** The argument or field the error is about, as a dotted path (e.g. `paths.0`). */
  field?: string;
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly file?: string;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.file !== undefined) this.file = details.file;
    if (details.field !== undefined) this.field = details.field;
  }
}

/** The plain-object form of an error, safe to structured-clone or JSON-encode. */
export interface SerializedError {
  name: string;
  code: ErrorCode;
  message: string;
  file?: string;
  field?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) {
    const out: SerializedError = { name: error.name, code: error.code, message: error.message };
    if (error.file !== undefined) out.file = error.file;
    if (error.field !== undefined) out.field = error.field;
    return out;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'AppError', code: 'INTERNAL', message };
}

export function deserializeError(error: SerializedError): AppError {
  return new AppError(error.code, error.message, { file: error.file, field: error.field });
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

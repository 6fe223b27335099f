/**
 * Structured logs (pino, one JSON object per line) from the core: ffmpeg command lines, inference
 * workers started, slow SQL statements and slow contract calls, errors. One logger per process,
 * configured by whoever owns the process (the CLI, a core host); silent until then, so tests and
 * library use write nothing.
 */
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { RotatingFile, type RotationOptions } from './rotating-file.js';

export interface LogOptions extends RotationOptions {
  /** The folder of `actionlens.log` (the data folder's `logs`). */
  dir: string;
  /** Default `actionlens.log`. Each process logs to its own file (rotation is per file, not shared). */
  fileName?: string;
  /** Also to stderr, debug lines included (`--verbose`). */
  verbose?: boolean;
}

/** A SQL statement slower than this is logged (as Signal does). */
export const SLOW_SQL_MS = 40;
/** A contract call slower than this is logged. */
export const SLOW_CALL_MS = 100;

export const LOG_FILE_NAME = 'actionlens.log';

let current: Logger = pino({ level: 'silent' });
let file: RotatingFile | null = null;

/** The process's logger. */
export function log(): Logger {
  return current;
}

/** Sends this process's logs to `<dir>/actionlens.log` (rotated) and, verbose, to stderr. */
export function configureLogging(options: LogOptions): Logger {
  file?.close();
  file = new RotatingFile(join(options.dir, options.fileName ?? LOG_FILE_NAME), options);
  const streams: pino.StreamEntry[] = [{ level: 'info', stream: file }];
  if (options.verbose) streams.push({ level: 'debug', stream: process.stderr });
  current = pino({ level: options.verbose ? 'debug' : 'info' }, pino.multistream(streams));
  return current;
}

/** Back to silent (tests). */
export function stopLogging(): void {
  file?.close();
  file = null;
  current = pino({ level: 'silent' });
}

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.js';

/**
 * The largest small file ActionLens reads whole (labels files, manifests, class lists): far
 * above any real one (a 3-hour video labelled per frame in JSON is ~20 MiB), far below what
 * would exhaust memory. Larger files are refused unread.
 */
export const MAX_SMALL_FILE_BYTES = 64 * 1024 * 1024;

export interface SmallFileOptions {
  /** What the file is, for messages: "labels file", "manifest". */
  what: string;
  /** The contract field that named the file. */
  field?: string;
  maxBytes?: number;
}

const REASONS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ELOOP: 'too many symlinks', ENAMETOOLONG: 'the name is too long' };

/**
 * The text of a small file a caller named. [Note: any path the caller names] Paths come from the
 * page, the CLI or a manifest, so this must be safe for any file on the disk: only regular files
 * (never a device such as /dev/zero, or a FIFO, which would block the open), at most `maxBytes`,
 * opened non-blocking and checked on the open handle (no swap between check and read). Errors name
 * the file and the reason, never the file's content.
 */
export async function readSmallTextFile(file: string, { what, field, maxBytes = MAX_SMALL_FILE_BYTES }: SmallFileOptions): Promise<string> {
  const details = { file, field };
  const unreadable = (error: NodeJS.ErrnoException) =>
    new AppError(error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'UNREADABLE', `Cannot read the ${what} ${file}: ${REASONS[error.code ?? ''] ?? error.code ?? 'read error'}`, details);
  if (file.includes('\0')) throw new AppError('INVALID_ARGUMENT', `Cannot read the ${what}: its name contains a NUL character`, details);
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(error);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('NOT_A_FILE', `${file} is not a regular file: a ${what} is a file`, details);
    if (info.size > maxBytes) throw new AppError('INVALID_ARGUMENT', `${file} is ${(info.size / 2 ** 20).toFixed(0)} MiB: a ${what} may be at most ${maxBytes / 2 ** 20} MiB`, details);
    // Read at most one byte more than allowed: a file growing meanwhile is refused, not read on.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length).catch((error: NodeJS.ErrnoException) => {
        throw unreadable(error);
      });
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes || length > info.size) throw new AppError('INVALID_ARGUMENT', `${file} changed while it was read: try again`, details);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** JSON text parsed; a syntax error says no more than that (JSON.parse's message quotes the file's own characters). */
export function parseJsonFile(text: string, file: string, what: string, field?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INVALID_ARGUMENT', `${file} is not JSON: a ${what} is JSON`, { file, field });
  }
}

import { isUtf8 } from 'node:buffer';
import { constants, type Stats } from 'node:fs';
import { access, open, readdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { AppError } from '../../../shared/errors.js';

/**
 * Rejects inputs ffmpeg would only fail on with a vague message: missing, a directory,
 * empty or unreadable. Returns the file's stats for callers that need its size.
 */
export async function assertReadableFile(file: string): Promise<Stats> {
  let stats: Stats;
  try {
    stats = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && (await hasNonUtf8Name(file))) {
      throw new AppError('UNREADABLE', `"${file}": the file name is not valid UTF-8 (� marks the bytes that are not), so it cannot be opened by this name; rename the file.`, { file, cause: error });
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new AppError('FILE_NOT_FOUND', `"${file}" does not exist.`, { file, cause: error });
    }
    throw new AppError('UNREADABLE', `"${file}" cannot be read (${code ?? 'unknown error'}).`, { file, cause: error });
  }
  if (stats.isDirectory()) {
    throw new AppError('NOT_A_FILE', `"${file}" is a folder, not a video file.`, { file });
  }
  if (!stats.isFile()) {
    throw new AppError('NOT_A_FILE', `"${file}" is not a regular file (it may be a device or a pipe).`, { file });
  }
  if (stats.size === 0) {
    throw new AppError('EMPTY_FILE', `"${file}" is empty (0 bytes): the copy or recording probably failed.`, { file });
  }
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    throw new AppError('UNREADABLE', `"${file}" cannot be read: permission denied.`, { file, cause: error });
  }
  return stats;
}

/** ISO-BMFF top-level boxes a real MP4/MOV can start with. */
const MP4_LEADING_BOXES = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid']);

/**
 * Whether the file starts like an MP4/MOV. ffprobe says "moov atom not found" for any file named
 * .mp4, including a text file; only a file with MP4 structure is a damaged MP4 rather than not media.
 */
export async function looksLikeMp4(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(8);
    const { bytesRead } = await handle.read(header, 0, 8, 0);
    return bytesRead === 8 && MP4_LEADING_BOXES.has(header.toString('latin1', 4, 8));
  } finally {
    await handle.close();
  }
}

/**
 * [Note: a name whose bytes are not valid UTF-8 reaches Node (argv, readdir) with U+FFFD in place of
 * those bytes, so the path no longer names the file and stat says ENOENT. Looking for a sibling whose
 * raw name decodes to the same string tells that case apart from a file that is really missing.]
 */
export async function hasNonUtf8Name(file: string): Promise<boolean> {
  if (!file.includes('\uFFFD')) return false;
  const entries = await readdir(dirname(file), { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  return entries.some((raw) => !isUtf8(raw) && raw.toString('utf8') === basename(file));
}

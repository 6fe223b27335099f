import { isUtf8 } from 'node:buffer';
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { SkippedFile } from '../../../shared/library.js';

/** Extensions of the containers people record and download video in (lower case, with the dot). */
export const VIDEO_EXTENSIONS = new Set([
  '.mp4', '.m4v', '.mov', '.mkv', '.webm', '.avi', '.wmv', '.flv', '.mpg', '.mpeg', '.m2ts', '.mts',
  '.ts', '.3gp', '.ogv', '.mxf', '.dv',
]);

export interface ScanResult {
  /** Candidate video files, absolute, in a stable order, each once. */
  files: string[];
  /** Files named directly (not found inside a folder): a failure on these is the user's concern. */
  named: Set<string>;
  skipped: SkippedFile[];
}

/**
 * Expands the user's files and folders into candidate video files. Folders are walked
 * recursively; inside them only known video extensions are kept and every other file is listed
 * as skipped with its reason. Files named directly are kept whatever their extension: the probe
 * decides (and explains) whether they are video.
 */
export async function scanPaths(paths: readonly string[]): Promise<ScanResult> {
  const result: ScanResult = { files: [], named: new Set(), skipped: [] };
  const seen = new Set<string>();
  const keep = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      result.files.push(file);
    }
  };
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      await walk(path, keep, result.skipped);
    } else {
      // Missing files and other oddities are kept so the probe reports them precisely.
      result.named.add(path);
      keep(path);
    }
  }
  return result;
}

async function walk(dir: string, keep: (file: string) => void, skipped: SkippedFile[]): Promise<void> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    skipped.push({ path: dir, code: 'UNREADABLE', reason: `cannot read folder: ${(error as Error).message}` });
    return;
  }
  const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') }));
  named.sort((a, b) => a.name.localeCompare(b.name));
  for (const { entry, name } of named) {
    const path = join(dir, name);
    if (!isUtf8(entry.name)) {
      // Decoded with U+FFFD it would name no file: say why instead of failing later with "does not exist".
      skipped.push({ path, code: 'UNREADABLE', reason: 'the name is not valid UTF-8 (� marks the bytes that are not); rename it to add it' });
    } else if (entry.isDirectory()) {
      await walk(path, keep, skipped);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      const ext = extname(name).toLowerCase();
      if (VIDEO_EXTENSIONS.has(ext)) keep(path);
      else skipped.push({ path, code: 'NOT_MEDIA', reason: `not a video file type (${ext || 'no extension'})` });
    }
  }
}

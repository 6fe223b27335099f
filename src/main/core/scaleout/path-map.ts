import { AppError } from '../../../shared/errors.js';

/** A path prefix as the coordinator sees it, and the same folder as this worker mounts it. */
export interface PathMap {
  from: string;
  to: string;
}

/** Parses `--map FROM=TO` (FROM may not contain '='). */
export function parsePathMap(value: string): PathMap {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new AppError('INVALID_ARGUMENT', `--map: "${value}" must be FROM=TO, two folder prefixes.`);
  return { from: value.slice(0, at), to: value.slice(at + 1) };
}

/** The first map whose FROM is a whole-folder prefix of `file` rewrites it; the longest FROM wins. */
export function mapPath(file: string, maps: readonly PathMap[]): string {
  const trim = (p: string) => p.replace(/\/+$/, '');
  const match = [...maps]
    .sort((a, b) => b.from.length - a.from.length)
    .find((m) => file === trim(m.from) || file.startsWith(`${trim(m.from)}/`));
  return match ? trim(match.to) + file.slice(trim(match.from).length) : file;
}

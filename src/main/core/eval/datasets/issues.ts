import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { AppError } from '../../../../shared/errors.js';
import { readSmallTextFile } from '../../files/small-text-file.js';

/** Lines shown in the error; the count of the rest is given. */
const SHOWN = 20;

/**
 * [Note: whole-file validation] An import reads and checks every entry before anything is stored,
 * collecting every malformed one as "file:line: reason", then fails once with all of them (up to
 * SHOWN), so a user fixes a file in one pass and never finds a half-imported dataset.
 */
export class ImportIssues {
  readonly #lines: string[] = [];

  constructor(private readonly base: string) {}

  add(file: string, line: number | null, reason: string): void {
    const name = relative(this.base, file) || file;
    this.#lines.push(`${name}${line === null ? '' : `:${line}`}: ${reason}`);
  }

  get count(): number {
    return this.#lines.length;
  }

  /** Throws INVALID_ARGUMENT listing every issue, if there is any. */
  throwIfAny(what: string): void {
    if (this.#lines.length === 0) return;
    const more = this.#lines.length > SHOWN ? `\n… and ${this.#lines.length - SHOWN} more` : '';
    const noun = this.#lines.length === 1 ? 'problem' : 'problems';
    throw new AppError('INVALID_ARGUMENT', `${what}: ${this.#lines.length} ${noun}, nothing imported:\n${this.#lines.slice(0, SHOWN).join('\n')}${more}`, { file: this.base });
  }
}

/**
 * A dataset's list or labels file, read through the safe reader (never a FIFO or device, size
 * capped, no content in errors): large public lists (Kinetics-700's CSV is ~50 MiB) fit under the cap.
 */
export async function readText(file: string, field = 'path'): Promise<string> {
  return readSmallTextFile(file, { what: 'dataset file', field, maxBytes: MAX_DATASET_FILE_BYTES });
}

export const MAX_DATASET_FILE_BYTES = 256 * 1024 * 1024;

export async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** Non-empty lines with their 1-based numbers (a BOM, CR and trailing spaces removed; `#` comments skipped). */
export function numberedLines(text: string): { line: number; text: string }[] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.replace(/\r$/, '').trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

/** Fields of one CSV line (RFC 4180 quotes); null when a quote is left open. */
export function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

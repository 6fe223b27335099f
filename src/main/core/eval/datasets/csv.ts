/**
 * A CSV of clips: `file,label[,split]`, with or without that header; files relative to the CSV.
 * Also per-frame CSVs (`frame,label`, or one label per line) for the frames format.
 */
import { dirname, resolve } from 'node:path';
import { csvFields, numberedLines, readText, type ImportIssues } from './issues.js';
import type { ParsedItem } from './parsed.js';

const HEADER_NAMES = new Set(['file', 'path', 'video', 'filename']);

export async function parseClipCsv(file: string, issues: ImportIssues): Promise<ParsedItem[]> {
  const lines = numberedLines(await readText(file));
  const items: ParsedItem[] = [];
  const seen = new Map<string, number>();
  lines.forEach(({ line, text }, i) => {
    const fields = csvFields(text);
    if (fields === null) return issues.add(file, line, 'a quote is not closed');
    if (i === 0 && HEADER_NAMES.has(fields[0]!.toLowerCase())) return;
    if (fields.length < 2 || fields.length > 3) return issues.add(file, line, `expected "file,label[,split]", found ${fields.length} field${fields.length === 1 ? '' : 's'}`);
    const [name, label, split] = fields as [string, string, string | undefined];
    if (!name) return issues.add(file, line, 'the file name is empty');
    if (!label) return issues.add(file, line, `the label of ${name} is empty`);
    const path = resolve(dirname(file), name);
    const earlier = seen.get(path);
    if (earlier !== undefined) return issues.add(file, line, `${name} is listed already on line ${earlier}`);
    seen.set(path, line);
    items.push({ path, split: split || null, label, frames: null, segments: null });
  });
  if (lines.length === 0) issues.add(file, null, 'the file is empty');
  return items;
}

/** Per-frame labels from `frame,label` lines (frames 0, 1, 2… in order) or one label per line. */
export function parseFrameCsv(file: string, text: string, issues: ImportIssues): string[] {
  const labels: string[] = [];
  numberedLines(text).forEach(({ line, text: row }, i) => {
    const fields = csvFields(row);
    if (fields === null) return issues.add(file, line, 'a quote is not closed');
    if (i === 0 && fields[0]!.toLowerCase() === 'frame') return;
    if (fields.length === 1) {
      labels.push(fields[0]!);
      return;
    }
    if (fields.length !== 2 || !/^\d+$/.test(fields[0]!)) return issues.add(file, line, `expected "frame,label", found "${row}"`);
    if (Number(fields[0]) !== labels.length) return issues.add(file, line, `frame ${fields[0]} where frame ${labels.length} was expected (frames must run 0, 1, 2… without gaps)`);
    if (!fields[1]) return issues.add(file, line, `the label of frame ${fields[0]} is empty`);
    labels.push(fields[1]);
  });
  return labels;
}

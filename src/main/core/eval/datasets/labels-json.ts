/**
 * A labels.json mapping clip files to labels: {"fall_01.mp4": {"label": "fall", …}, …} (or
 * {"fall_01.mp4": "fall"}), files relative to the JSON's folder or its clips/ subfolder
 * (the real-dev validation set's layout).
 */
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { isFile, readText, type ImportIssues } from './issues.js';
import type { ParsedItem } from './parsed.js';

const entrySchema = z.union([z.string().min(1), z.object({ label: z.string().min(1), split: z.string().min(1).optional() })]);

export async function parseLabelsMap(file: string, issues: ImportIssues): Promise<ParsedItem[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readText(file));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    issues.add(file, null, `not JSON (${error.message})`);
    return [];
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    issues.add(file, null, 'expected an object mapping each clip file to its label');
    return [];
  }
  const items: ParsedItem[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const entry = entrySchema.safeParse(value);
    if (!entry.success) {
      issues.add(file, null, `"${name}": expected a label or {"label": …}`);
      continue;
    }
    const candidates = [join(dirname(file), name), join(dirname(file), 'clips', name)];
    let path = candidates[0]!;
    for (const candidate of [...candidates].reverse()) if (await isFile(candidate)) path = candidate;
    const { label, split } = typeof entry.data === 'string' ? { label: entry.data, split: undefined } : entry.data;
    items.push({ path, split: split ?? null, label, frames: null, segments: null });
  }
  return items;
}

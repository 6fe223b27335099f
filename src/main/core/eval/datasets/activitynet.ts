/**
 * ActivityNet-style segment ground truth: {"database": {"<id>": {"subset": "validation",
 * "annotations": [{"segment": [start, end], "label": "..."}]}}}, with the videos named <id>.* or
 * v_<id>.* somewhere under a videos folder.
 */
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { VIDEO_EXTENSIONS } from '../../library/scan.js';
import { readText, type ImportIssues } from './issues.js';
import { normaliseSplit, type ParsedItem } from './parsed.js';

const entrySchema = z.object({
  subset: z.string().optional(),
  annotations: z.array(
    z
      .object({ segment: z.tuple([z.number().min(0), z.number().min(0)]), label: z.string().min(1, 'must not be empty') })
      .refine((a) => a.segment[1] > a.segment[0], { message: 'must end after it starts', path: ['segment'] }),
  ),
});
const fileSchema = z.object({ database: z.record(z.string(), z.unknown()) });

export async function parseActivityNet(file: string, videosDir: string, issues: ImportIssues): Promise<ParsedItem[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readText(file));
  } catch (error) {
    if (error instanceof SyntaxError) {
      issues.add(file, null, `not JSON (${error.message})`);
      return [];
    }
    throw error;
  }
  const doc = fileSchema.safeParse(raw);
  if (!doc.success) {
    issues.add(file, null, 'expected an object with a "database" object (ActivityNet format)');
    return [];
  }
  const entries = await readdir(videosDir, { withFileTypes: true, recursive: true });
  const videoByStem = new Map<string, string>();
  for (const e of entries) {
    if (!e.isFile() || !VIDEO_EXTENSIONS.has(extname(e.name).toLowerCase())) continue;
    const stem = basename(e.name, extname(e.name));
    if (!videoByStem.has(stem)) videoByStem.set(stem, join(e.parentPath, e.name));
  }
  const items: ParsedItem[] = [];
  for (const [id, value] of Object.entries(doc.data.database)) {
    const entry = entrySchema.safeParse(value);
    if (!entry.success) {
      for (const issue of entry.error.issues) issues.add(file, null, `"database.${id}.${issue.path.join('.')}" ${issue.message}`);
      continue;
    }
    const path = videoByStem.get(id) ?? videoByStem.get(`v_${id}`);
    if (!path) {
      issues.add(file, null, `"database.${id}": no video named ${id}.* or v_${id}.* under ${videosDir}`);
      continue;
    }
    const segments = entry.data.annotations.map((a) => ({ label: a.label, startSec: a.segment[0], endSec: a.segment[1] }));
    items.push({ path, split: entry.data.subset ? normaliseSplit(entry.data.subset) : null, label: null, frames: null, segments });
  }
  return items;
}

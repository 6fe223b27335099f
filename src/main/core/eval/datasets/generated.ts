/**
 * The generated dataset (`npm run dataset -- --out DIR …`, models/dataset, format v1): DIR/dataset.json
 * lists item JSON files; clips carry a label, sequences per-frame labels (indices into `classes`).
 * As in the recipe's evaluation (models/training/evaluate.py), clips give the clip metrics and
 * sequences the per-frame ones.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { readText, type ImportIssues } from './issues.js';
import { runsOfLabels, type ParsedItem } from './parsed.js';

const metaSchema = z.object({
  format: z.literal('actionlens-dataset'),
  version: z.literal(1),
  classes: z.array(z.string().min(1)).min(1),
  items: z.array(z.string().min(1)),
});
const itemSchema = z.object({
  split: z.string().min(1),
  kind: z.enum(['clip', 'sequence']),
  file: z.string().min(1),
  label: z.string().min(1).optional(),
  frameLabels: z.array(z.number().int().min(0)),
});

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `"${issue?.path.join('.') || '(file)'}" ${issue?.message ?? 'is invalid'}`;
}

async function readJson(file: string, issues: ImportIssues): Promise<unknown> {
  try {
    return JSON.parse(await readText(file));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    issues.add(file, null, `not JSON (${error.message})`);
    return undefined;
  }
}

export async function parseGenerated(root: string, issues: ImportIssues): Promise<ParsedItem[]> {
  const metaFile = join(root, 'dataset.json');
  const meta = metaSchema.safeParse(await readJson(metaFile, issues));
  if (!meta.success) {
    if (issues.count === 0) issues.add(metaFile, null, `not an actionlens-dataset v1: ${firstIssue(meta.error)}`);
    return [];
  }
  const { classes } = meta.data;
  const items: ParsedItem[] = [];
  for (const rel of meta.data.items) {
    const file = join(root, rel);
    const raw = await readJson(file, issues);
    if (raw === undefined) continue;
    const item = itemSchema.safeParse(raw);
    if (!item.success) {
      issues.add(file, null, firstIssue(item.error));
      continue;
    }
    const bad = item.data.frameLabels.find((i) => i >= classes.length);
    if (bad !== undefined) issues.add(file, null, `frameLabels holds ${bad}, but dataset.json has ${classes.length} classes`);
    else if (item.data.kind === 'clip' && !item.data.label) issues.add(file, null, '"label" is missing from a clip');
    else if (item.data.kind === 'clip') items.push({ path: resolve(root, item.data.file), split: item.data.split, label: item.data.label!, frames: null, segments: null });
    else items.push({ path: resolve(root, item.data.file), split: item.data.split, label: null, frames: runsOfLabels(item.data.frameLabels.map((i) => classes[i]!)), segments: null });
  }
  return items;
}

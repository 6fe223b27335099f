/**
 * Per-frame ground truth beside each video (or in a --labels folder): VIDEO.labels.json (the app's
 * labels file, as `annotations import` reads it), VIDEO.labels.csv / VIDEO.csv (`frame,label` or
 * one label per line) or VIDEO.txt (MS-TCN groundTruth: one label per line).
 */
import { readdir } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { z } from 'zod';
import { VIDEO_EXTENSIONS } from '../../library/scan.js';
import { parseFrameCsv } from './csv.js';
import { isFile, readText, type ImportIssues } from './issues.js';
import { runsOfLabels, type ParsedItem } from './parsed.js';
import type { FrameTruth } from '../../../../shared/datasets.js';

const labelsFileSchema = z.object({
  segments: z
    .array(
      z
        .object({ label: z.string().min(1, 'must not be empty'), startFrame: z.number().int().min(0), endFrame: z.number().int().min(1) })
        .refine((s) => s.endFrame > s.startFrame, { message: 'must be after startFrame', path: ['endFrame'] }),
    )
    .min(1, 'must hold at least one segment'),
});

/** Names a truth file may have, tried in this order. */
function truthNames(stem: string): string[] {
  return [`${stem}.labels.json`, `${stem}.labels.csv`, `${stem}.csv`, `${stem}.txt`];
}

export function parseLabelsJson(file: string, text: string, issues: ImportIssues): FrameTruth[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    issues.add(file, null, `not JSON (${(error as Error).message})`);
    return null;
  }
  const parsed = labelsFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.add(file, null, `"${issue.path.join('.') || '(file)'}" ${issue.message}`);
    return null;
  }
  const segments = [...parsed.data.segments].sort((a, b) => a.startFrame - b.startFrame);
  for (let i = 1; i < segments.length; i++) {
    if (segments[i]!.startFrame < segments[i - 1]!.endFrame) issues.add(file, null, `segments overlap at frame ${segments[i]!.startFrame} (${segments[i - 1]!.label} and ${segments[i]!.label})`);
  }
  return segments.map(({ label, startFrame, endFrame }) => ({ label, startFrame, endFrame }));
}

export function parseGroundTruthText(file: string, text: string, issues: ImportIssues): string[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, '').trim());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  lines.forEach((label, i) => {
    if (label === '') issues.add(file, i + 1, `frame ${i} has no label (an empty line)`);
  });
  return lines;
}

export async function parseFrameTruth(root: string, issues: ImportIssues, labelsDir?: string): Promise<{ items: ParsedItem[]; withoutTruth: string[] }> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const videos = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && VIDEO_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const items: ParsedItem[] = [];
  const withoutTruth: string[] = [];
  for (const path of videos) {
    const stem = basename(path, extname(path));
    const folders = labelsDir ? [join(labelsDir, relative(root, join(path, '..'))), labelsDir] : [join(path, '..')];
    let truthFile: string | undefined;
    for (const folder of folders) for (const name of truthNames(stem)) if (!truthFile && (await isFile(join(folder, name)))) truthFile = join(folder, name);
    if (!truthFile) {
      withoutTruth.push(path);
      continue;
    }
    const text = await readText(truthFile);
    const frames = truthFile.endsWith('.json')
      ? parseLabelsJson(truthFile, text, issues)
      : runsOfLabels(truthFile.endsWith('.txt') ? parseGroundTruthText(truthFile, text, issues) : parseFrameCsv(truthFile, text, issues));
    if (frames && frames.length === 0) issues.add(truthFile, null, 'no frame has a label');
    if (frames && frames.length > 0) items.push({ path, split: null, label: null, frames, segments: null });
  }
  if (items.length === 0 && issues.count === 0) issues.add(root, null, `no video with a ground-truth file (${truthNames('VIDEO').join(', ')}) beside it${labelsDir ? ` or in ${labelsDir}` : ''}`);
  return { items, withoutTruth };
}

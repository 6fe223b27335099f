import { createHash } from 'node:crypto';
import { basename, extname, join, resolve } from 'node:path';
import { DATASET_FORMATS, type DatasetFormat } from '../../../../shared/datasets.js';
import { AppError } from '../../../../shared/errors.js';
import { fingerprintFile } from '../../library/fingerprint.js';
import { canonicalJson } from '../../analysis/run-identity.js';
import type { NewDataset, NewDatasetItem } from '../../store/datasets.js';
import { parseActivityNet } from './activitynet.js';
import { parseClipCsv } from './csv.js';
import { parseFolderTree } from './folder.js';
import { parseFrameTruth } from './frames.js';
import { parseGenerated } from './generated.js';
import { isDirectory, isFile, ImportIssues, readText } from './issues.js';
import { parseLabelsMap } from './labels-json.js';
import type { ParsedItem } from './parsed.js';

export interface ImportOptions {
  name?: string;
  /** Detected from the path when absent (see detectFormat). */
  format?: DatasetFormat;
  /** folder: UCF101 split lists; frames: the folder of truth files; activitynet: the videos folder. */
  splitsDir?: string;
  splitNumber?: number;
  labelsDir?: string;
  videosDir?: string;
  mapping?: Record<string, string>;
}

/** What would be stored, plus what the user should hear about. */
export interface PreparedImport {
  dataset: NewDataset;
  /** Videos skipped because they have no truth (frames format). */
  skipped: string[];
}

/**
 * A folder with dataset.json → generated; a folder with labels.json → labels-json; a folder
 * otherwise → folder (class per subfolder); a .csv → csv; a .json with "database" → activitynet,
 * other .json → labels-json.
 */
export async function detectFormat(path: string): Promise<DatasetFormat> {
  if (await isDirectory(path)) {
    if (await isFile(join(path, 'dataset.json'))) return 'generated';
    if (await isFile(join(path, 'labels.json'))) return 'labels-json';
    return 'folder';
  }
  if (!(await isFile(path))) throw new AppError('FILE_NOT_FOUND', `${path} does not exist.`, { file: path, field: 'path' });
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') {
    return /"database"\s*:/.test(await readText(path)) ? 'activitynet' : 'labels-json';
  }
  throw new AppError('INVALID_ARGUMENT', `Cannot tell the dataset format of ${path}: pass --format (${DATASET_FORMATS.join(', ')}).`, { file: path, field: 'format' });
}

async function parse(format: DatasetFormat, path: string, options: ImportOptions, issues: ImportIssues): Promise<{ items: ParsedItem[]; skipped: string[] }> {
  const needFolder = async () => {
    if (!(await isDirectory(path))) throw new AppError('INVALID_ARGUMENT', `The ${format} format imports a folder; ${path} is not one.`, { file: path, field: 'path' });
  };
  switch (format) {
    case 'folder':
      await needFolder();
      return { items: await parseFolderTree(path, issues, { splitsDir: options.splitsDir, splitNumber: options.splitNumber }), skipped: [] };
    case 'frames':
      await needFolder();
      return parseFrameTruth(path, issues, options.labelsDir && resolve(options.labelsDir)).then(({ items, withoutTruth }) => ({ items, skipped: withoutTruth }));
    case 'generated':
      await needFolder();
      return { items: await parseGenerated(path, issues), skipped: [] };
    case 'csv':
      return { items: await parseClipCsv(path, issues), skipped: [] };
    case 'labels-json':
      return { items: await parseLabelsMap((await isDirectory(path)) ? join(path, 'labels.json') : path, issues), skipped: [] };
    case 'activitynet': {
      const videos = resolve(options.videosDir ?? join(path, '..'));
      if (!(await isDirectory(videos))) throw new AppError('INVALID_ARGUMENT', `--videos ${videos} is not a folder.`, { file: videos, field: 'videos' });
      return { items: await parseActivityNet(path, videos, issues), skipped: [] };
    }
  }
}

/** Reads and checks everything (every problem reported at once) and fingerprints each video; stores nothing. */
export async function prepareImport(source: string, options: ImportOptions = {}): Promise<PreparedImport> {
  const path = resolve(source);
  const format = options.format ?? (await detectFormat(path));
  const issues = new ImportIssues(path.endsWith('.json') || path.endsWith('.csv') ? join(path, '..') : path);
  const { items, skipped } = await parse(format, path, options, issues);
  const stored: NewDatasetItem[] = [];
  for (const item of items) {
    try {
      stored.push({ ...item, fingerprint: await fingerprintFile(item.path) });
    } catch (error) {
      issues.add(item.path, null, `cannot read the video (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  issues.throwIfAny(`Dataset ${source}`);
  if (stored.length === 0) throw new AppError('INVALID_ARGUMENT', `Dataset ${source}: no labelled video found.`, { file: path, field: 'path' });
  const labels = new Set<string>();
  for (const item of stored) {
    if (item.label) labels.add(item.label);
    for (const f of item.frames ?? []) labels.add(f.label);
    for (const s of item.segments ?? []) labels.add(s.label);
  }
  // [Note: dataset fingerprint] Over content fingerprints and truth, in a fixed order, never over paths: the same clips and labels anywhere give the same fingerprint.
  const canonical = stored.map(({ fingerprint, split, label, frames, segments }) => canonicalJson({ fingerprint, split, label, frames, segments })).sort();
  const fingerprint = createHash('sha256').update(canonical.join('\n')).digest('hex');
  const name = (options.name ?? basename(path, extname(path))).trim();
  if (!name) throw new AppError('INVALID_ARGUMENT', 'The dataset name is empty.', { field: 'name' });
  return { dataset: { name, format, source: path, fingerprint, labels: [...labels].sort(), mapping: options.mapping ?? {}, items: stored }, skipped };
}

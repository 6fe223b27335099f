/**
 * Folder-per-class trees (UCF101, Kinetics, HMDB51): ROOT/<class>/<video>, or with split folders
 * ROOT/<train|val|test>/<class>/<video>. Optional UCF101 split lists (trainlistNN.txt /
 * testlistNN.txt: "Class/v_Class_g01_c01.avi [index]", classInd.txt: "index Class") set the splits.
 */
import { readdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { VIDEO_EXTENSIONS } from '../../library/scan.js';
import { isDirectory, isFile, numberedLines, readText, type ImportIssues } from './issues.js';
import { normaliseSplit, type ParsedItem } from './parsed.js';

const SPLIT_FOLDERS = new Set(['train', 'training', 'val', 'validation', 'test', 'testing']);

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
}

async function videosUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && VIDEO_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export interface FolderOptions {
  /** Folder holding UCF101 trainlistNN.txt / testlistNN.txt (and classInd.txt). */
  splitsDir?: string;
  /** Which numbered split to read (default 1). */
  splitNumber?: number;
}

export async function parseFolderTree(root: string, issues: ImportIssues, options: FolderOptions = {}): Promise<ParsedItem[]> {
  const top = await subfolders(root);
  const splitLayout = top.length > 0 && top.every((name) => SPLIT_FOLDERS.has(name.toLowerCase()));
  const items: ParsedItem[] = [];
  for (const splitFolder of splitLayout ? top : ['']) {
    const base = join(root, splitFolder);
    for (const label of await subfolders(base)) {
      for (const path of await videosUnder(join(base, label))) items.push({ path, split: splitFolder ? normaliseSplit(splitFolder) : null, label, frames: null, segments: null });
    }
  }
  if (items.length === 0) issues.add(root, null, 'no class folder holding videos (expected ROOT/<class>/<video> or ROOT/<split>/<class>/<video>)');
  if (options.splitsDir) await applySplitLists(root, items, issues, options.splitsDir, options.splitNumber ?? 1);
  return items;
}

async function readClassIndex(file: string, issues: ImportIssues): Promise<Map<number, string> | null> {
  if (!(await isFile(file))) return null;
  const index = new Map<number, string>();
  for (const { line, text } of numberedLines(await readText(file))) {
    const match = /^(\d+)\s+(\S+)$/.exec(text);
    if (match) index.set(Number(match[1]), match[2]!);
    else issues.add(file, line, `expected "<index> <class>", found "${text}"`);
  }
  return index;
}

async function applySplitLists(root: string, items: ParsedItem[], issues: ImportIssues, splitsDir: string, n: number): Promise<void> {
  const dir = resolve(splitsDir);
  if (!(await isDirectory(dir))) {
    issues.add(dir, null, 'the split-list folder does not exist');
    return;
  }
  const byPath = new Map(items.map((item) => [resolve(item.path), item]));
  const classIndex = await readClassIndex(join(dir, 'classInd.txt'), issues);
  const seen = new Map<string, string>();
  const number = String(n).padStart(2, '0');
  let found = 0;
  for (const split of ['train', 'test'] as const) {
    const file = join(dir, `${split}list${number}.txt`);
    if (!(await isFile(file))) continue;
    found++;
    for (const { line, text } of numberedLines(await readText(file))) {
      const match = /^(\S+?)(?:\s+(\d+))?$/.exec(text);
      if (!match) {
        issues.add(file, line, `expected "<class>/<video> [class index]", found "${text}"`);
        continue;
      }
      const [, relPath, index] = match as unknown as [string, string, string | undefined];
      const item = byPath.get(resolve(root, relPath));
      if (!item) {
        issues.add(file, line, `${relPath} is not a video of the tree`);
        continue;
      }
      if (index !== undefined && classIndex && classIndex.get(Number(index)) !== item.label) {
        issues.add(file, line, `class index ${index} is "${classIndex.get(Number(index)) ?? 'not in classInd.txt'}" but the video is in the folder "${item.label}"`);
      }
      const earlier = seen.get(item.path);
      if (earlier && earlier !== split) issues.add(file, line, `${relPath} is in ${earlier}list${number}.txt too`);
      seen.set(item.path, split);
      item.split = split;
    }
  }
  if (found === 0) issues.add(dir, null, `neither trainlist${number}.txt nor testlist${number}.txt is there`);
}

/**
 * The --out folder: created if missing, checked writable, and never silently mixed with someone
 * else's files. A folder holding an earlier dataset (finished, or interrupted: the marker file)
 * is replaced; any other non-empty folder needs --force.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './args.js';

export const DATASET_FORMAT = 'actionlens-dataset';
/** Present while a generation is running or after it was interrupted. */
export const INCOMPLETE_MARKER = '.actionlens-dataset-incomplete';
/** What the generator writes, and so what it may remove when it replaces an earlier dataset. */
const OWNED = ['train', 'val', 'test', 'dataset.json', 'contact-sheet.png', INCOMPLETE_MARKER];

async function holdsEarlierDataset(dir: string, entries: string[]): Promise<boolean> {
  if (entries.includes(INCOMPLETE_MARKER)) return true;
  if (!entries.includes('dataset.json')) return false;
  try {
    const doc = JSON.parse(await readFile(path.join(dir, 'dataset.json'), 'utf8')) as { format?: unknown };
    return doc.format === DATASET_FORMAT;
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message;
}

/** Makes `out` ready to receive a dataset; returns its absolute path. Throws UsageError if unusable. */
export async function prepareOutputDir(out: string, force: boolean): Promise<string> {
  const dir = path.resolve(out);
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot use --out ${out}: ${reason(error)}`);
    try {
      await mkdir(dir, { recursive: true });
    } catch (mkdirError) {
      throw new UsageError(`cannot create --out ${out}: ${reason(mkdirError)}`);
    }
  }
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new UsageError(`cannot read --out ${out}: ${reason(error)}`);
  }
  const earlier = await holdsEarlierDataset(dir, entries);
  if (entries.length > 0 && !earlier && !force) {
    throw new UsageError(`--out ${out} is not empty and holds no earlier dataset; pass --force to write into it anyway`);
  }
  try {
    await writeFile(path.join(dir, INCOMPLETE_MARKER), `${DATASET_FORMAT}: generation in progress or interrupted\n`);
  } catch (error) {
    throw new UsageError(`cannot write to --out ${out}: ${reason(error)}`);
  }
  if (earlier) {
    for (const name of OWNED) if (name !== INCOMPLETE_MARKER) await rm(path.join(dir, name), { recursive: true, force: true });
  }
  return dir;
}

/** Marks the dataset complete. */
export async function finishOutputDir(dir: string): Promise<void> {
  await rm(path.join(dir, INCOMPLETE_MARKER), { force: true });
}

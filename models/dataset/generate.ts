/**
 * The whole dataset: split the requested counts 70/15/15, derive every item's seed from
 * (seed, split, kind, index), render and encode them in parallel, then write the contact sheet
 * and dataset.json (last, so a dataset.json always describes a complete dataset).
 *
 * Layout (a contract with the training code):
 *   DIR/dataset.json        format, version, seed, generator, classes, command, splits, fingerprint
 *                           (sha256 over the item JSON files' bytes, in `items` order), items
 *   DIR/<split>/clips/c000123.{mp4,json}       one class per clip, 2–4 s
 *   DIR/<split>/sequences/s000004.{mp4,json}   3–10 chained actions, 20 s or more
 *   DIR/contact-sheet.png   a row of frames per class
 * Item JSON: id, split, kind, file (mp4 path relative to DIR), seed, fps, width, height, frameCount,
 * crf, label (clips), frameLabels (index into dataset.json's classes, per frame), segments
 * ({label, startFrame, endFrame exclusive}), figureBoxes ([x0, y0, x1, y1] per frame, 0..1, clipped
 * to the frame), joints ([x, y] × 14 per frame, 0..1 of width/height, not clipped), jointNames, scene.
 * Ids are numbered across splits (c000000… for clips, s000000… for sequences), train first.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DefaultAction } from '../../src/shared/actions.js';
import type { Options } from './args.js';
import { writeContactSheet } from './contact-sheet.js';
import type { ItemResult } from './item.js';
import type { ItemSpec, Split } from './item-plan.js';
import { finishOutputDir, prepareOutputDir, DATASET_FORMAT } from './output-dir.js';
import { runItems } from './pool.js';
import { deriveSeed, Rng } from './rng.js';

export const GENERATOR = { name: 'actionlens-figures', version: '1' } as const;
const SPLITS: readonly Split[] = ['train', 'val', 'test'];

/** 70/15/15, the remainder going to train, so every split size is reproducible from the total. */
export function splitCounts(total: number): Record<Split, number> {
  const val = Math.floor(total * 0.15);
  const test = Math.floor(total * 0.15);
  return { train: total - val - test, val, test };
}

/** Class of each clip in a split: whole shuffled rounds of the classes, so classes stay balanced. */
function clipLabels(seed: number, split: Split, count: number, classes: readonly DefaultAction[]): DefaultAction[] {
  const rng = new Rng(deriveSeed(seed, split, 'labels'));
  const labels: DefaultAction[] = [];
  while (labels.length < count) labels.push(...rng.shuffle([...classes]));
  return labels.slice(0, count);
}

export function itemSpecs(opts: Pick<Options, 'clips' | 'sequences' | 'seed' | 'classes' | 'sizes'>): ItemSpec[] {
  const clips = splitCounts(opts.clips);
  const sequences = splitCounts(opts.sequences);
  const specs: ItemSpec[] = [];
  let clipId = 0;
  let sequenceId = 0;
  for (const split of SPLITS) {
    const labels = clipLabels(opts.seed, split, clips[split], opts.classes);
    labels.forEach((label, i) => {
      const id = `c${String(clipId++).padStart(6, '0')}`;
      specs.push({ id, split, kind: 'clip', seed: deriveSeed(opts.seed, split, 'clip', i), label, classes: opts.classes, sizes: opts.sizes });
    });
    for (let i = 0; i < sequences[split]; i++) {
      const id = `s${String(sequenceId++).padStart(6, '0')}`;
      specs.push({ id, split, kind: 'sequence', seed: deriveSeed(opts.seed, split, 'sequence', i), classes: opts.classes, sizes: opts.sizes });
    }
  }
  return specs;
}

/** One clip per class for the contact sheet: the first of that class, else a stand-in drawn the same way. */
function sheetClips(specs: readonly ItemSpec[], opts: Options): ItemSpec[] {
  return opts.classes.map(
    (label) =>
      specs.find((s) => s.kind === 'clip' && s.label === label) ?? {
        id: `sheet-${label}`,
        split: 'train',
        kind: 'clip',
        seed: deriveSeed(opts.seed, 'contact-sheet', label),
        label,
        classes: opts.classes,
        sizes: opts.sizes,
      },
  );
}

export interface Summary {
  dir: string;
  items: number;
  clips: number;
  sequences: number;
  frames: number;
  /** Sum over items of frames × width × height. */
  pixels: number;
  seconds: number;
}

export async function generateDataset(opts: Options, command: string, ffmpeg: string, log: (line: string) => void): Promise<Summary> {
  const started = performance.now();
  const dir = await prepareOutputDir(opts.out, opts.force);
  const specs = itemSpecs(opts);
  for (const split of SPLITS) for (const kind of ['clips', 'sequences']) await mkdir(path.join(dir, split, kind), { recursive: true });

  // Longest first, so the last minutes are not one sequence on one core while the others idle.
  const order = [...specs].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'sequence' ? -1 : 1));
  let done = 0;
  let frames = 0;
  let pixels = 0;
  let lastLog = 0;
  // For the time estimate: items left of each kind, and how many frames items of that kind had.
  const left = { clip: opts.clips, sequence: opts.sequences };
  const seen = { clip: { items: 0, frames: 0 }, sequence: { items: 0, frames: 0 } };
  const guess = { clip: 3 * 27, sequence: 30 * 27 };
  await runItems(order, opts.jobs, dir, ffmpeg, (spec: ItemSpec, result: ItemResult) => {
    done++;
    frames += result.frames;
    pixels += result.frames * result.pixels;
    left[spec.kind]--;
    seen[spec.kind].items++;
    seen[spec.kind].frames += result.frames;
    const now = performance.now();
    if (now - lastLog > 10_000 || done === specs.length) {
      lastLog = now;
      const elapsed = (now - started) / 1000;
      const perItem = (k: 'clip' | 'sequence'): number => (seen[k].items > 0 ? seen[k].frames / seen[k].items : guess[k]);
      const eta = ((left.clip * perItem('clip') + left.sequence * perItem('sequence')) / frames) * elapsed;
      log(`${done}/${specs.length} items, ${frames} frames, ${(frames / elapsed).toFixed(0)} frames/s, ${elapsed.toFixed(0)} s elapsed, ~${eta.toFixed(0)} s to go`);
    }
  });

  await writeContactSheet(path.join(dir, 'contact-sheet.png'), sheetClips(specs, opts), ffmpeg);
  const hash = createHash('sha256');
  const items: string[] = [];
  for (const spec of specs) {
    const json = `${spec.split}/${spec.kind === 'clip' ? 'clips' : 'sequences'}/${spec.id}.json`;
    hash.update(await readFile(path.join(dir, json)));
    items.push(json);
  }
  const count = (split: Split, kind: 'clip' | 'sequence'): number => specs.filter((s) => s.split === split && s.kind === kind).length;
  const doc = {
    format: DATASET_FORMAT,
    version: 1,
    seed: opts.seed,
    generator: GENERATOR,
    classes: opts.classes,
    command,
    splits: Object.fromEntries(SPLITS.map((s) => [s, { clips: count(s, 'clip'), sequences: count(s, 'sequence') }])),
    fingerprint: hash.digest('hex'),
    items,
  };
  await writeFile(path.join(dir, 'dataset.json'), `${JSON.stringify(doc, null, 1)}\n`);
  await finishOutputDir(dir);
  return {
    dir,
    items: specs.length,
    clips: opts.clips,
    sequences: opts.sequences,
    frames,
    pixels,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * npm run dataset:skeleton -- --out DIR --clips N --sequences M --seed S [--classes ...] [--force]
 *
 * Motion data for the skeleton families: COCO-17 keypoints of the generator's kinematic figures
 * seen through sampled cameras (skeleton/), no pixels. Split 70/15/15 like `npm run dataset`.
 * Layout (a contract with models/training/skeleton/data.py):
 *   DIR/skeletons.json       format, version, seed, classes, command, fps, keypoint names, items
 *                            ({id, split, kind, label?, frames, offset, width, height, yawDeg,
 *                            follow, segments}); offset counts frames into the split's files
 *   DIR/<split>.points.f32   frames × 17 × (u, v, depth) float32, little-endian; u, v in pixels
 *                            of a width × height frame (not clipped: points may leave the frame),
 *                            depth in heights relative to the pelvis (+ farther from the camera)
 *   DIR/<split>.labels.u8    one class index per frame
 * Exit status: 0 done, 2 bad request (one line on stderr), 1 failure.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COCO_KEYPOINTS } from '../../src/shared/pose.js';
import type { DefaultAction } from '../../src/shared/actions.js';
import { parseOptions, UsageError } from './args.js';
import { splitCounts } from './generate.js';
import type { Split } from './item-plan.js';
import { deriveSeed, Rng } from './rng.js';
import { makeSkeletonItem, SKELETON_FPS } from './skeleton/item.js';

export const SKELETON_FORMAT = 'actionlens-skeletons';
const USAGE = 'usage: npm run dataset:skeleton -- --out DIR --clips N --sequences M --seed S [--classes idle,walk,...] [--force]';
const SPLITS: readonly Split[] = ['train', 'val', 'test'];
const r1 = (v: number): number => Math.round(v * 10) / 10;
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Whole shuffled rounds of the classes per split, so classes stay balanced. */
function clipLabels(seed: number, split: Split, count: number, classes: readonly DefaultAction[]): DefaultAction[] {
  const rng = new Rng(deriveSeed(seed, split, 'skeleton-labels'));
  const labels: DefaultAction[] = [];
  while (labels.length < count) labels.push(...rng.shuffle([...classes]));
  return labels.slice(0, count);
}

async function prepare(dir: string, force: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = (await readdir(dir)).filter((e) => !e.startsWith('.'));
  const ours = entries.every((e) => e === 'skeletons.json' || /^(train|val|test)\.(points\.f32|labels\.u8)$/.test(e));
  if (!ours && !force) throw new UsageError(`${dir} holds other files (${entries.slice(0, 3).join(', ')}); choose an empty folder or add --force`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  try {
    const opts = parseOptions(argv);
    await prepare(opts.out, opts.force);
    const clips = splitCounts(opts.clips);
    const sequences = splitCounts(opts.sequences);
    const items: Record<string, unknown>[] = [];
    let totalFrames = 0;
    for (const split of SPLITS) {
      const parts: ReturnType<typeof makeSkeletonItem>[] = [];
      const ids: string[] = [];
      clipLabels(opts.seed, split, clips[split], opts.classes).forEach((label, i) => {
        parts.push(makeSkeletonItem(deriveSeed(opts.seed, split, 'skeleton-clip', i), 'clip', opts.classes, label));
        ids.push(`${split}-c${String(i).padStart(6, '0')}`);
      });
      for (let i = 0; i < sequences[split]; i++) {
        parts.push(makeSkeletonItem(deriveSeed(opts.seed, split, 'skeleton-sequence', i), 'sequence', opts.classes));
        ids.push(`${split}-s${String(i).padStart(6, '0')}`);
      }
      const frames = parts.reduce((n, p) => n + p.frames, 0);
      const points = new Float32Array(frames * 17 * 3);
      const labels = new Uint8Array(frames);
      let offset = 0;
      parts.forEach((p, i) => {
        points.set(p.points, offset * 17 * 3);
        labels.set(p.labels, offset);
        const cam = p.camera;
        items.push({
          id: ids[i], split, kind: p.kind, ...(p.label ? { label: p.label } : {}), frames: p.frames, offset,
          width: cam.width, height: cam.height, yawDeg: r1((cam.yaw * 180) / Math.PI), cameraHeight: r3(cam.position[1]),
          distance: r3(cam.position[2]), follow: r3(cam.follow), segments: p.segments,
        });
        offset += p.frames;
      });
      totalFrames += frames;
      await writeFile(path.join(opts.out, `${split}.points.f32`), Buffer.from(points.buffer, points.byteOffset, points.byteLength));
      await writeFile(path.join(opts.out, `${split}.labels.u8`), labels);
    }
    const command = ['npm', 'run', 'dataset:skeleton', '--', ...argv].join(' ');
    const doc = { format: SKELETON_FORMAT, version: 1, seed: opts.seed, classes: opts.classes, command, fps: SKELETON_FPS.num / SKELETON_FPS.den, keypoints: COCO_KEYPOINTS, items };
    await writeFile(path.join(opts.out, 'skeletons.json'), `${JSON.stringify(doc)}\n`);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`wrote ${items.length} items (${opts.clips} clips, ${opts.sequences} sequences, ${totalFrames} frames) to ${opts.out} in ${seconds.toFixed(1)} s\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`dataset:skeleton: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

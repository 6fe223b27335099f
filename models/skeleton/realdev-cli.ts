/**
 * node --import tsx models/skeleton/realdev-cli.ts --keypoints CACHE_DIR [--labels FILE] MODEL_DIR...
 *
 * Real-footage validation of skeleton models: the cached keypoints of ../shared/real-dev's clips
 * (models/skeleton/keypoints-cli.ts; cache outside the repository) through each exported model;
 * a clip's class is the argmax of its frames' mean probabilities. Prints clip top-1, mean class
 * accuracy and the per-class table per model. real-dev is for validation only: never train on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SkeletonModel } from './run-model.js';

interface Cached {
  fps: number;
  keypoints: number[][][];
}

async function main(argv: string[]): Promise<number> {
  const take = (flag: string, fallback?: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const v = argv[i + 1];
    argv.splice(i, 2);
    return v;
  };
  const cache = take('--keypoints');
  const labelsFile = take('--labels', path.resolve(import.meta.dirname, '../../../shared/real-dev/labels.json')) as string;
  if (!cache || argv.length === 0) {
    process.stderr.write('usage: node --import tsx models/skeleton/realdev-cli.ts --keypoints CACHE_DIR [--labels labels.json] MODEL_DIR...\n');
    return 2;
  }
  if (!existsSync(labelsFile)) {
    process.stderr.write(`skipped: real-dev labels not present at ${labelsFile} (internal data, not in this repository)\n`);
    return 2;
  }
  const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Record<string, { label: string }>;
  const clips = Object.keys(labels).sort();
  for (const dir of argv) {
    const model = await SkeletonModel.load(dir);
    const classes = model.manifest.labels;
    const hits: Record<string, [number, number]> = {};
    const rows: string[] = [];
    for (const clip of clips) {
      const file = path.join(cache, clip.replace(/\.[^.]+$/, '.json'));
      if (!existsSync(file)) {
        process.stderr.write(`${clip}: no cached keypoints at ${file}; run keypoints-cli first\n`);
        return 1;
      }
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Cached;
      const frames = doc.keypoints.map((f) => Float32Array.from(f.flat()));
      const probs = await model.frameProbs(frames, doc.fps);
      const mean = new Float32Array(classes.length);
      for (const p of probs) p.forEach((v, c) => (mean[c] = (mean[c] as number) + v / probs.length));
      const pred = classes[mean.indexOf(Math.max(...mean))] as string;
      const truth = labels[clip]!.label;
      const h = (hits[truth] ??= [0, 0]);
      h[0] += pred === truth ? 1 : 0;
      h[1] += 1;
      rows.push(`${clip.padEnd(16)} ${truth.padEnd(9)} → ${pred.padEnd(9)} ${pred === truth ? 'ok' : ''}`);
    }
    const correct = Object.values(hits).reduce((a, h) => a + h[0], 0);
    const perClass = Object.entries(hits).map(([c, h]) => [c, h[0] / h[1]] as const);
    const meanClass = perClass.reduce((a, [, v]) => a + v, 0) / perClass.length;
    process.stdout.write(`\n## ${model.manifest.id}: clip top-1 ${((100 * correct) / clips.length).toFixed(1)}% (${correct}/${clips.length}), mean class accuracy ${(100 * meanClass).toFixed(1)}%\n`);
    process.stdout.write(`per class: ${perClass.map(([c, v]) => `${c} ${(100 * v).toFixed(0)}%`).join(', ')}\n`);
    process.stdout.write(`${rows.join('\n')}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

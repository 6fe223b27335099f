/**
 * node --import tsx models/skeleton/realdev-cli.ts --keypoints CACHE_DIR [--labels FILE] [--record] MODEL_DIR...
 *
 * --record writes the result into each model folder: `realDev` in metrics.json and a
 * "Real footage (real-dev)" section in MODEL_CARD.md (replacing an earlier one).
 * Real-footage validation of skeleton models: the cached keypoints of ../shared/real-dev's clips
 * (models/skeleton/keypoints-cli.ts; cache outside the repository) through each exported model;
 * a clip's class is the argmax of its frames' mean probabilities. Prints clip top-1, mean class
 * accuracy and the per-class table per model. real-dev is for validation only: never train on it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  const record = argv.includes('--record');
  if (record) argv.splice(argv.indexOf('--record'), 1);
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
    if (record) {
      const estimator = (JSON.parse(readFileSync(path.join(cache, clips[0]!.replace(/\.[^.]+$/, '.json')), 'utf8')) as { estimator?: string }).estimator ?? 'unknown';
      const result = { clips: clips.length, clipTop1: (100 * correct) / clips.length, meanClassAccuracy: 100 * meanClass, perClass: Object.fromEntries(perClass.map(([c, v]) => [c, 100 * v])), estimator };
      const metricsFile = path.join(dir, 'metrics.json');
      const metrics = JSON.parse(readFileSync(metricsFile, 'utf8')) as Record<string, unknown>;
      writeFileSync(metricsFile, `${JSON.stringify({ ...metrics, realDev: result }, null, 2)}\n`);
      const cardFile = path.join(dir, 'MODEL_CARD.md');
      // The trainer's placeholder line (skeleton_card.py REAL_FOOTAGE_PENDING) and an earlier section give way to this one.
      const card = readFileSync(cardFile, 'utf8')
        .replace(/\nReal footage: not measured yet[^\n]*\n/, '\n')
        .replace(/\n## Real footage \(real-dev\)[\s\S]*?(?=\n## |$)/, '');
      const section = [
        '',
        '## Real footage (real-dev)',
        `Measured on ../shared/real-dev (24 short clips of real people, one label each; validation only, never trained on), keypoints by ${estimator}:`,
        `**clip top-1 ${result.clipTop1.toFixed(1)}% (${correct}/${clips.length}), mean class accuracy ${result.meanClassAccuracy.toFixed(1)}%**.`,
        ...appEvalLine(metrics.realDevEval),
        '',
        '| class | clips | correct |',
        '| --- | --- | --- |',
        ...Object.entries(hits).sort().map(([c, h]) => `| ${c} | ${h[1]} | ${h[0]} |`),
        '',
        'With one to six clips per class these are coarse; four clips run at 5 fps and one is 160x120 grayscale.',
        '',
      ].join('\n');
      writeFileSync(cardFile, card.replace(/\n## Intended use and limits/, `${section}\n## Intended use and limits`));
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

/**
 * The app's own `actionlens eval` figure (metrics.json `realDevEval`, recorded by
 * models/training/record_realdev_eval.py), which the model lists show: it runs the engine (every
 * tracked person, frame rows the maximum over people), so it can differ from the one-person figure above.
 */
function appEvalLine(evaluation: unknown): string[] {
  const e = evaluation as { clipTop1?: unknown; meanClassAccuracy?: unknown } | undefined;
  if (typeof e?.clipTop1 !== 'number' || typeof e.meanClassAccuracy !== 'number') return [];
  return [`Through the app's own \`actionlens eval\` (every tracked person, frame rows the maximum over people): clip top-1 ${e.clipTop1.toFixed(1)}%, mean class accuracy ${e.meanClassAccuracy.toFixed(1)}%.`];
}

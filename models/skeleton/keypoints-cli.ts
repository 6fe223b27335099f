/**
 * node --import tsx models/skeleton/keypoints-cli.ts --out CACHE_DIR [--model lightning|thunder] FILE_OR_FOLDER...
 *
 * Runs the pose estimator over videos and caches one person's keypoints per frame as JSON
 * (CACHE_DIR/<video name>.json: {file, width, height, fps, frames, keypoints: frames × 17 × [x, y, score]}).
 * Used on ../shared/real-dev (keep the cache OUTSIDE the repository: derived features of the
 * real clips must never be committed) and on rendered clips (to fit the error model).
 * Existing cache files are kept (delete them to recompute).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeFrames, probeVideo } from '../../src/main/core/media/index.js';
import { MoveNetTracker } from './movenet-track.js';

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  if (outIndex < 0 || !argv[outIndex + 1]) {
    process.stderr.write('usage: node --import tsx models/skeleton/keypoints-cli.ts --out CACHE_DIR [--model lightning|thunder] FILE_OR_FOLDER...\n');
    return 2;
  }
  const out = argv[outIndex + 1] as string;
  const modelIndex = argv.indexOf('--model');
  const model = modelIndex >= 0 ? argv[modelIndex + 1] : 'lightning';
  if (model !== 'lightning' && model !== 'thunder') {
    process.stderr.write(`--model must be lightning or thunder, not ${String(model)}\n`);
    return 2;
  }
  const skip = new Set([outIndex, outIndex + 1, modelIndex, modelIndex + 1].filter((i) => i >= 0));
  const inputs = argv.filter((_, i) => !skip.has(i));
  const files = inputs.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => /\.(mp4|avi|mkv|mov)$/i.test(f)).sort().map((f) => path.join(p, f)) : [p]));
  mkdirSync(out, { recursive: true });
  for (const file of files) {
    const target = path.join(out, `${path.basename(file).replace(/\.[^.]+$/, '')}.json`);
    if (existsSync(target)) continue;
    const started = performance.now();
    const probe = await probeVideo(file);
    const { displayWidth: width, displayHeight: height } = probe.video;
    const tracker = await MoveNetTracker.create(model);
    const keypoints: number[][][] = [];
    for await (const frame of decodeFrames(file, { width, height })) {
      const kp = await tracker.estimate(frame.data, frame.width, frame.height);
      keypoints.push(Array.from({ length: 17 }, (_, k) => [kp[k * 3] as number, kp[k * 3 + 1] as number, kp[k * 3 + 2] as number].map((v) => Math.round(v * 100) / 100)));
    }
    const fps = probe.video.fps;
    writeFileSync(target, `${JSON.stringify({ file: path.basename(file), width, height, fps, frames: keypoints.length, estimator: `movenet-${model}-interim-tracker`, keypoints })}\n`);
    process.stderr.write(`${path.basename(file)}: ${keypoints.length} frames in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

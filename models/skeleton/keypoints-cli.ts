/**
 * node --import tsx models/skeleton/keypoints-cli.ts --out CACHE_DIR [--model lightning|thunder] [--estimator app|interim] FILE_OR_FOLDER...
 *
 * Runs the pose estimator (the app's, src/main/core/pose, by default; `interim`: movenet-track.ts)
 * over videos and caches one person's keypoints per frame as JSON: the track with the highest
 * total score over the video (these clips show one person), zeros where it is absent or lost
 * (CACHE_DIR/<video name>.json: {file, width, height, fps, frames, keypoints: frames × 17 × [x, y, score]}).
 * Used on ../shared/real-dev (keep the cache OUTSIDE the repository: derived features of the
 * real clips must never be committed) and on rendered clips (to fit the error model).
 * Existing cache files are kept (delete them to recompute).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeFrames, probeVideo } from '../../src/main/core/media/index.js';
import { createPoseEstimator } from '../../src/main/core/pose/estimator.js';
import { DEFAULT_POSE_SETTINGS } from '../../src/shared/pose.js';
import { MoveNetTracker } from './movenet-track.js';

/** The main person's keypoints per frame from the app's estimator (multi-person tracking). */
async function appKeypoints(file: string, model: 'lightning' | 'thunder', width: number, height: number): Promise<Float32Array[]> {
  const estimator = await createPoseEstimator({ settings: { ...DEFAULT_POSE_SETTINGS, model } });
  const frames: Map<number, Float32Array>[] = [];
  const totals = new Map<number, number>();
  try {
    for await (const frame of decodeFrames(file, { width, height })) {
      const pose = await estimator.estimate({ frame: frame.index, time: frame.pts, width: frame.width, height: frame.height, rgb: frame.data }, { transfer: true });
      const people = new Map<number, Float32Array>();
      for (const p of pose.people) {
        people.set(p.trackId, p.keypoints);
        totals.set(p.trackId, (totals.get(p.trackId) ?? 0) + (p.lost ? 0 : p.score));
      }
      frames.push(people);
    }
  } finally {
    await estimator.close();
  }
  const main = [...totals.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return frames.map((people) => (main !== undefined ? people.get(main) : undefined) ?? new Float32Array(51));
}

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  if (outIndex < 0 || !argv[outIndex + 1]) {
    process.stderr.write('usage: node --import tsx models/skeleton/keypoints-cli.ts --out CACHE_DIR [--model lightning|thunder] [--estimator app|interim] FILE_OR_FOLDER...\n');
    return 2;
  }
  const out = argv[outIndex + 1] as string;
  const modelIndex = argv.indexOf('--model');
  const model = modelIndex >= 0 ? argv[modelIndex + 1] : 'lightning';
  if (model !== 'lightning' && model !== 'thunder') {
    process.stderr.write(`--model must be lightning or thunder, not ${String(model)}\n`);
    return 2;
  }
  const estimatorIndex = argv.indexOf('--estimator');
  const which = estimatorIndex >= 0 ? argv[estimatorIndex + 1] : 'app';
  if (which !== 'app' && which !== 'interim') {
    process.stderr.write(`--estimator must be app or interim, not ${String(which)}\n`);
    return 2;
  }
  const skip = new Set([outIndex, outIndex + 1, modelIndex, modelIndex + 1, estimatorIndex, estimatorIndex + 1].filter((i) => i >= 0));
  const inputs = argv.filter((_, i) => !skip.has(i));
  const files = inputs.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => /\.(mp4|avi|mkv|mov)$/i.test(f)).sort().map((f) => path.join(p, f)) : [p]));
  mkdirSync(out, { recursive: true });
  for (const file of files) {
    const target = path.join(out, `${path.basename(file).replace(/\.[^.]+$/, '')}.json`);
    if (existsSync(target)) continue;
    const started = performance.now();
    const probe = await probeVideo(file);
    const { displayWidth: width, displayHeight: height } = probe.video;
    let raw: Float32Array[] = [];
    if (which === 'app') raw = await appKeypoints(file, model, width, height);
    else {
      const tracker = await MoveNetTracker.create(model);
      for await (const frame of decodeFrames(file, { width, height })) raw.push(await tracker.estimate(frame.data, frame.width, frame.height));
    }
    const keypoints = raw.map((kp) => Array.from({ length: 17 }, (_, k) => [kp[k * 3] as number, kp[k * 3 + 1] as number, kp[k * 3 + 2] as number].map((v) => Math.round(v * 100) / 100)));
    const fps = probe.video.fps;
    writeFileSync(target, `${JSON.stringify({ file: path.basename(file), width, height, fps, frames: keypoints.length, estimator: which === 'app' ? `app-pose-estimator-${model}` : `movenet-${model}-interim-tracker`, keypoints })}\n`);
    process.stderr.write(`${path.basename(file)}: ${keypoints.length} frames in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

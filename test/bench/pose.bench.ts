/**
 * Pose throughput (npm run bench:pose) on real 720p footage: the NTU clip (one person) looped to
 * 60 s and scaled to 1280x720, and the same as a 2 × 2 mosaic (four people at once). For
 * Lightning and Thunder on each clip it prints
 *   - decode only: the media core delivering every 1280x720 RGB frame;
 *   - pose inference only: the estimator (worker: detector + refiner + tracker) on frames already
 *     in memory (the clip loops every 103 frames, so the 103 decoded frames are replayed in order);
 *   - end to end: decode → estimator, one frame in flight while the next decodes;
 *   - the pipeline bound 1 / (1/decode + 1/inference), the stages run one after another, and the
 *     ratio end to end / bound (target ≥ 0.85; above 1 means they overlap), and min(stage).
 * Goal: end to end ≥ 30 frames/s with Lightning on one person. Exits 1 when a target is missed.
 * BENCH_SECONDS=n measures on the first n seconds only (default 60); the clips are cached in the temp folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPoseEstimator } from '../../src/main/core/pose/estimator.js';
import { decodeFrames, resolveBinaries } from '../../src/main/core/media/index.js';
import type { PoseModelName, PoseSettings } from '../../src/shared/pose.js';

const TARGET_RATIO = 0.85;
const TARGET_FPS = 30;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const FPS = 30;
const FRAMES = SECONDS * FPS;
const LOOP = 103; // frames in the NTU clip
const WIDTH = 1280;
const HEIGHT = 720;
const NTU = path.resolve(import.meta.dirname, '../../../shared/corpus/ntu-drink-1080p-30fps-h264.avi');

const CLIPS = [
  { name: 'one person', people: 1, file: path.join(os.tmpdir(), 'actionlens-bench-pose-ntu-1280x720-60s.mp4'), filter: `scale=${WIDTH}:${HEIGHT}` },
  {
    name: 'four people (2 × 2 mosaic)',
    people: 4,
    file: path.join(os.tmpdir(), 'actionlens-bench-pose-ntu-mosaic-1280x720-60s.mp4'),
    filter: `scale=${WIDTH / 2}:${HEIGHT / 2},split=4[a][b][c][d];[a][b]hstack[top];[c][d]hstack[bottom];[top][bottom]vstack`,
  },
];

async function ensureClip(clip: (typeof CLIPS)[number]): Promise<void> {
  if (existsSync(clip.file)) return;
  if (!existsSync(NTU)) throw new Error(`The corpus clip ${NTU} is absent: bench:pose needs ../shared/corpus.`);
  console.log(`Generating ${clip.file} (once; cached in the temp folder)…`);
  const partial = `${clip.file}.partial.mp4`;
  // [Note: loop filter] `-stream_loop` on this AVI never reaches -t (its timestamps restart); the loop
  // filter replays the 103 decoded frames instead.
  const filter = `${clip.filter},loop=loop=-1:size=${LOOP},setpts=N/${FPS}/TB`;
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', NTU, '-filter_complex', filter, '-frames:v', String(60 * FPS), '-r', String(FPS), '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', partial];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(resolveBinaries().ffmpeg.path, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
  renameSync(partial, clip.file);
}

/** Decode only: every frame at 1280x720 through the media core; keeps the first loop's frames. */
async function decodeRate(file: string, keep: Uint8Array[] = []): Promise<number> {
  const started = performance.now();
  let frames = 0;
  for await (const frame of decodeFrames(file, { width: WIDTH, height: HEIGHT, maxFrames: FRAMES })) {
    if (keep.length < LOOP && frames === keep.length) keep.push(new Uint8Array(frame.data));
    frames += 1;
  }
  return frames / ((performance.now() - started) / 1000);
}

/** Pose inference only: the estimator on frames in memory, replayed in the clip's order. */
async function inferenceRate(settings: PoseSettings, frames: Uint8Array[]): Promise<number> {
  const estimator = await createPoseEstimator({ settings });
  try {
    await estimator.estimate({ frame: 0, time: 0, width: WIDTH, height: HEIGHT, rgb: frames[0]! }); // warm-up
    estimator.reset();
    const started = performance.now();
    for (let i = 0; i < FRAMES; i++) await estimator.estimate({ frame: i, time: i / FPS, width: WIDTH, height: HEIGHT, rgb: frames[i % frames.length]! });
    return FRAMES / ((performance.now() - started) / 1000);
  } finally {
    await estimator.close();
  }
}

/** End to end: file → decoder → estimator, the next frame decoding while the worker estimates this one. */
async function endToEnd(settings: PoseSettings, file: string): Promise<{ fps: number; people: number }> {
  const estimator = await createPoseEstimator({ settings });
  try {
    const started = performance.now();
    let inFlight: Promise<unknown> | null = null;
    let frames = 0;
    let people = 0;
    for await (const frame of decodeFrames(file, { width: WIDTH, height: HEIGHT, maxFrames: FRAMES })) {
      await inFlight;
      const rgb = new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
      inFlight = estimator.estimate({ frame: frame.index, time: frame.pts, width: WIDTH, height: HEIGHT, rgb }, { transfer: true }).then((pose) => {
        people += pose.people.filter((p) => !p.lost).length;
      });
      frames += 1;
    }
    await inFlight;
    return { fps: frames / ((performance.now() - started) / 1000), people: people / frames };
  } finally {
    await estimator.close();
  }
}

console.log(`${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; onnxruntime 1 intra-op thread per session; ${FRAMES} frames per measurement.\n`);
let failed = false;
const row = (name: string, value: string, reference = '') => console.log(`  ${name.padEnd(36)} ${value.padStart(14)}   ${reference}`);
for (const clip of CLIPS) {
  await ensureClip(clip);
  const frames: Uint8Array[] = [];
  const decode = await decodeRate(clip.file, frames);
  for (const model of ['lightning', 'thunder'] as PoseModelName[]) {
    const settings: PoseSettings = { model, maxPeople: 6, minPersonScore: 0.25 };
    const inference = await inferenceRate(settings, frames);
    const e2e = await endToEnd(settings, clip.file);
    const bound = 1 / (1 / decode + 1 / inference);
    const best = Math.min(decode, inference);
    const ratio = e2e.fps / bound;
    const fpsGoal = model === 'lightning' && clip.people === 1;
    failed ||= ratio < TARGET_RATIO || (fpsGoal && e2e.fps < TARGET_FPS);
    console.log(`${model}, ${clip.name}, ${WIDTH}x${HEIGHT}`);
    row('decode only', `${decode.toFixed(1)} frames/s`);
    row('pose inference only (frames in memory)', `${inference.toFixed(1)} frames/s`);
    row('end to end (file → poses)', `${e2e.fps.toFixed(1)} frames/s`, `${e2e.people.toFixed(2)} people tracked per frame${fpsGoal ? ` (goal ≥ ${TARGET_FPS} frames/s)` : ''}`);
    row('pipeline bound 1/(1/decode + 1/pose)', `${bound.toFixed(1)} frames/s`, `end to end / bound = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`);
    row('overlap bound min(decode, pose)', `${best.toFixed(1)} frames/s`, `end to end / min = ${(e2e.fps / best).toFixed(2)}`);
    console.log();
  }
}
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(failed ? 'FAIL: a target is missed' : 'PASS');
process.exitCode = failed ? 1 : 0;

/**
 * Pose throughput (npm run bench:pose) on real 720p footage: the NTU clip (one person) looped to
 * 60 s and scaled to 1280x720, and the same as a 2 × 2 mosaic (four people at once). For
 * Lightning and Thunder on each clip it prints
 *   - decode only: the media core delivering every 1280x720 RGB frame;
 *   - pose inference only: the worker's time (detector + refiner + tracker) on frames already in
 *     memory (the clip loops every 103 frames, so the 103 decoded frames are replayed in order);
 *   - end to end: decode → estimator, one frame in flight while the next decodes;
 *   - the pipeline bound 1 / (1/decode + 1/inference), the stages run one after another, and the
 *     ratio end to end / bound (target ≥ 0.85; above 1 means they overlap), and min(stage).
 * Each figure is the median of BENCH_REPETITIONS (default 3) alternating repetitions, so that other
 * work on the machine slows every stage alike. Goal: end to end ≥ 30 frames/s with Lightning on
 * one person. Exits 1 when a target is missed. BENCH_SECONDS=n measures on the first n seconds
 * only (default 60); the clips are cached in the temp folder.
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
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const FPS = 30;
const FRAMES = SECONDS * FPS;
const LOOP = 103; // frames in the NTU clip
const WIDTH = 1280;
const HEIGHT = 720;
const NTU = path.resolve(import.meta.dirname, '../../../shared/corpus/ntu-drink-1080p-30fps-h264.avi');

const CLIPS = [
  { name: 'one person', people: 1, minPersonScore: 0.25, file: path.join(os.tmpdir(), 'actionlens-bench-pose-ntu-1280x720-60s.mp4'), filter: `scale=${WIDTH}:${HEIGHT}` },
  {
    // [Note: small people] at 640 × 360 a cell's person scores 0.12–0.35 on the letterboxed frame:
    // the default minPersonScore (0.25) would keep two of the four.
    name: 'four people (2 × 2 mosaic, minPersonScore 0.1)',
    people: 4,
    minPersonScore: 0.1,
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

/**
 * Pose inference only: the worker's own time per frame (detection + refinement + tracking, as it
 * reports it), on frames in memory replayed in the clip's order; the copy of each frame into the
 * worker is left out, as decoding is.
 */
async function inferenceRate(settings: PoseSettings, frames: Uint8Array[]): Promise<number> {
  const estimator = await createPoseEstimator({ settings });
  try {
    await estimator.estimate({ frame: 0, time: 0, width: WIDTH, height: HEIGHT, rgb: frames[0]! }); // warm-up
    estimator.reset();
    let workerMs = 0;
    for (let i = 0; i < FRAMES; i++) {
      await estimator.estimate({ frame: i, time: i / FPS, width: WIDTH, height: HEIGHT, rgb: frames[i % frames.length]! });
      workerMs += estimator.lastInferMs;
    }
    return FRAMES / (workerMs / 1000);
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

console.log(`${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; onnxruntime 1 intra-op thread per session; ${FRAMES} frames per measurement, median of ${REPETITIONS}.\n`);
let failed = false;
const row = (name: string, value: string, reference = '') => console.log(`  ${name.padEnd(36)} ${value.padStart(14)}   ${reference}`);
for (const clip of CLIPS) {
  await ensureClip(clip);
  const frames: Uint8Array[] = [];
  await decodeRate(clip.file, frames); // keeps the first loop's frames for "inference only"
  for (const model of ['lightning', 'thunder'] as PoseModelName[]) {
    const settings: PoseSettings = { model, maxPeople: 6, minPersonScore: clip.minPersonScore };
    const decodes: number[] = [];
    const inferences: number[] = [];
    const runs: Awaited<ReturnType<typeof endToEnd>>[] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      decodes.push(await decodeRate(clip.file));
      inferences.push(await inferenceRate(settings, frames));
      runs.push(await endToEnd(settings, clip.file));
    }
    const decode = median(decodes);
    const inference = median(inferences);
    const e2e = runs.find((run) => run.fps === median(runs.map((x) => x.fps)))!;
    const bound = 1 / (1 / decode + 1 / inference);
    const best = Math.min(decode, inference);
    const ratio = e2e.fps / bound;
    const fpsGoal = model === 'lightning' && clip.people === 1;
    failed ||= ratio < TARGET_RATIO || (fpsGoal && e2e.fps < TARGET_FPS);
    console.log(`${model}, ${clip.name}, ${WIDTH}x${HEIGHT}`);
    row('decode only', `${decode.toFixed(1)} frames/s`);
    row('pose inference only (worker time)', `${inference.toFixed(1)} frames/s`);
    row('end to end (file → poses)', `${e2e.fps.toFixed(1)} frames/s`, `${e2e.people.toFixed(2)} people tracked per frame${fpsGoal ? ` (goal ≥ ${TARGET_FPS} frames/s)` : ''}`);
    row('pipeline bound 1/(1/decode + 1/pose)', `${bound.toFixed(1)} frames/s`, `end to end / bound = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`);
    row('overlap bound min(decode, pose)', `${best.toFixed(1)} frames/s`, `end to end / min = ${(e2e.fps / best).toFixed(2)}`);
    console.log();
  }
}
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(failed ? 'FAIL: a target is missed' : 'PASS');
process.exitCode = failed ? 1 : 0;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

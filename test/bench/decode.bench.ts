/**
 * Decode throughput of the media core against the ffmpeg CLI doing the same work.
 * Run: npm run bench:decode. Exits 1 when the core is below TARGET × the CLI's frames/s.
 *
 * Both sides decode the same cached 60 s 1280x720 30 fps H.264 clip to 112x112 RGB24 with
 * bilinear scaling and no thread flags (ffmpeg's defaults on both). After one untimed warm-up
 * of each, runs alternate so that background load hits both alike; each figure is the median.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeFrames, probeVideo, resolveBinaries } from '../../src/main/core/media/index.js';

const TARGET = 0.9;
const REPETITIONS = 3;
const SIZE = 112;
const CLIP = path.join(os.tmpdir(), 'actionlens-bench-testsrc2-1280x720-30fps-60s.mp4');

const ffmpegPath = resolveBinaries().ffmpeg.path;

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr.slice(-500)}`))));
  });
}

async function ensureClip(): Promise<void> {
  if (existsSync(CLIP)) return;
  console.log(`Generating ${CLIP} (once; cached in the temp folder)…`);
  const partial = `${CLIP}.partial.mp4`;
  await run([
    ...['-hide_banner', '-nostdin', '-v', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-t', '60'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', partial],
  ]);
  renameSync(partial, CLIP);
}

/** (a) The ffmpeg CLI on its own, writing the frames to the null device. */
async function timeCli(): Promise<number> {
  const nullDevice = process.platform === 'win32' ? 'NUL' : '/dev/null';
  const started = performance.now();
  await run([
    ...['-i', CLIP, '-vf', `scale=${SIZE}:${SIZE}:flags=bilinear`, '-fps_mode', 'passthrough'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-y', nullDevice],
  ]);
  return (performance.now() - started) / 1000;
}

/** (b) The media core, including its probe; the consumer touches every frame's data. */
async function timeCore(expectedFrames: number): Promise<number> {
  const started = performance.now();
  let frames = 0;
  let checksum = 0;
  for await (const frame of decodeFrames(CLIP, { width: SIZE, height: SIZE })) {
    frames += 1;
    checksum = (checksum + frame.data[0]! + frame.data[frame.data.length - 1]!) % 65_521;
  }
  const seconds = (performance.now() - started) / 1000;
  if (frames !== expectedFrames) throw new Error(`core decoded ${frames} frames, expected ${expectedFrames} (checksum ${checksum})`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await ensureClip();
const frames = (await probeVideo(CLIP)).video.frameCount;
console.log(`Clip: ${CLIP} (${frames} frames). ${REPETITIONS} alternating runs each, ${os.cpus().length} CPUs.`);

// One untimed run of each first, so neither side pays for cold caches or JIT warm-up.
await timeCli();
await timeCore(frames);

const cliSeconds: number[] = [];
const coreSeconds: number[] = [];
for (let i = 0; i < REPETITIONS; i += 1) {
  cliSeconds.push(await timeCli());
  coreSeconds.push(await timeCore(frames));
  console.log(`  run ${i + 1}: cli ${cliSeconds.at(-1)!.toFixed(2)} s, core ${coreSeconds.at(-1)!.toFixed(2)} s`);
}

const cliFps = frames / median(cliSeconds);
const coreFps = frames / median(coreSeconds);
const ratio = coreFps / cliFps;
const rows = [
  ['ffmpeg CLI → /dev/null', `${cliFps.toFixed(0)} frames/s`, `${median(cliSeconds).toFixed(2)} s`],
  ['media core → consumer', `${coreFps.toFixed(0)} frames/s`, `${median(coreSeconds).toFixed(2)} s`],
  ['ratio core / CLI', ratio.toFixed(3), `target ≥ ${TARGET}`],
];
console.log(`\nDecode ${frames} frames 1280x720 H.264 → ${SIZE}x${SIZE} RGB24 (median of ${REPETITIONS})`);
for (const [name, value, note] of rows) console.log(`  ${name!.padEnd(24)} ${value!.padStart(14)}   ${note}`);
console.log(ratio >= TARGET ? '\nPASS' : '\nFAIL: the core is slower than the target');
process.exitCode = ratio >= TARGET ? 0 : 1;

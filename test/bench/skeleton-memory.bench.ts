/**
 * Memory of a skeleton action run over long footage ([Note: streamed people]): a stored pose run of
 * two people (one in view throughout, one coming and going) through pose-gru and pose-two-stream,
 * for 10 minutes and for 3 hours of 30 fps video, each in a fresh process on a fresh database.
 * The reference measured in the same run is the 10-minute case: the 3-hour peak heap and RSS
 * over it should stay near 1 (target ≤ 1.5), where holding whole tracks grew with the video
 * (about 400 bytes a person-frame: ~0.5 GB more for these 3 hours). The pose run is synthetic
 * (written straight to the store: estimating 3 hours of poses would take over an hour); the
 * models, onnxruntime and SQLite are the real ones. Run: npm run bench:skeleton-memory
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/main/core/store/index.js';
import { analyseKeypoints } from '../../src/main/core/analysis/keypoint-analysis.js';
import { manifestSchema } from '../../src/shared/manifest.js';
import { KEYPOINT_COUNT, type PersonPose, type PoseFrame } from '../../src/shared/pose.js';
import { InferenceWorker } from '../../src/workers/inference/client.js';
import { sampleModel, sampleVideo } from '../main/store/helpers.js';
import { testRunParams } from '../helpers/run-params.js';

const MODELS = path.resolve(import.meta.dirname, '../../models');
const FPS = 30;
const SHORT_FRAMES = 10 * 60 * FPS;
const LONG_FRAMES = 3 * 60 * 60 * FPS;
const TARGET_RATIO = 1.5;
const WRITE_BLOCK = 2048;

function person(frame: number, trackId: number): PersonPose {
  const keypoints = new Float32Array(KEYPOINT_COUNT * 3);
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    keypoints[3 * k] = 300 + trackId * 200 + 30 * Math.sin(frame / 11 + k);
    keypoints[3 * k + 1] = 100 + 18 * k + 8 * Math.cos(frame / 7 + k);
    keypoints[3 * k + 2] = 0.8;
  }
  return { trackId, box: { x: 250 + trackId * 200, y: 90, width: 120, height: 320 }, score: 0.8, keypoints };
}

/** Track 1 in view throughout; a new second person every 20 s, in view for 15 s of it. */
function poseFrame(frame: number): PoseFrame {
  const people = [person(frame, 1)];
  if (frame % (20 * FPS) < 15 * FPS) people.push(person(frame, 2 + Math.floor(frame / (20 * FPS))));
  return { frame, time: frame / FPS, people };
}

/** One case in this process: prints { frames, seconds, peakRssMiB, peakHeapMiB } as JSON. */
async function runCase(modelId: string, frames: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'actionlens-bench-skelmem-'));
  const store = openStore(path.join(dir, 'bench.db'));
  const worker = await InferenceWorker.start(path.join(MODELS, modelId, 'model.onnx'), 'cpu', { intraOp: 1, interOp: 1 }).then((w) => w.worker);
  try {
    const video = store.videos.upsert(sampleVideo());
    store.models.upsert(sampleModel());
    const poseRun = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'pose', provider: 'cpu' });
    for (let start = 0; start < frames; start += WRITE_BLOCK) {
      const block = Array.from({ length: Math.min(WRITE_BLOCK, frames - start) }, (_, k) => poseFrame(start + k));
      store.transaction(() => store.poses.appendChunk(poseRun.id, start, block, null));
    }
    store.runs.markRunning(poseRun.id, { providerUsed: 'cpu' });
    store.runs.markCompleted(poseRun.id, { framesDone: frames });
    const runId = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'action', provider: 'cpu' }).id;
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(MODELS, modelId, 'manifest.json'), 'utf8')));
    global.gc?.();
    let peakRss = 0;
    let peakHeap = 0;
    const sample = (): void => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const timer = setInterval(sample, 20);
    const started = performance.now();
    let rows = 0;
    await analyseKeypoints({ store, manifest, worker, poseRunId: poseRun.id, runId, fps: FPS, resumeFrom: 0, signal: new AbortController().signal, onRow: () => void rows++ });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    sample();
    if (rows !== frames) throw new Error(`${rows} rows for ${frames} frames`);
    console.log(JSON.stringify({ frames, seconds, peakRssMiB: peakRss / 2 ** 20, peakHeapMiB: peakHeap / 2 ** 20 }));
  } finally {
    await worker.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface CaseResult {
  frames: number;
  seconds: number;
  peakRssMiB: number;
  peakHeapMiB: number;
}

function inChild(modelId: string, frames: number): CaseResult {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--case', modelId, String(frames)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`${modelId} × ${frames} frames: exited ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as CaseResult;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--case');
  if (at >= 0) return runCase(process.argv[at + 1]!, Number(process.argv[at + 2]));
  let ok = true;
  console.log(`skeleton run memory: ${SHORT_FRAMES / FPS / 60} min (reference) vs ${LONG_FRAMES / FPS / 3600} h of ${FPS} fps, two people; target ratio ≤ ${TARGET_RATIO}`);
  for (const modelId of ['pose-gru', 'pose-two-stream']) {
    const short = inChild(modelId, SHORT_FRAMES);
    const long = inChild(modelId, LONG_FRAMES);
    const heap = long.peakHeapMiB / short.peakHeapMiB;
    const rss = long.peakRssMiB / short.peakRssMiB;
    ok &&= heap <= TARGET_RATIO && rss <= TARGET_RATIO;
    console.log(
      `${modelId.padEnd(16)} peak heap ${long.peakHeapMiB.toFixed(0)} vs ${short.peakHeapMiB.toFixed(0)} MiB (ratio ${heap.toFixed(2)}), ` +
        `peak RSS ${long.peakRssMiB.toFixed(0)} vs ${short.peakRssMiB.toFixed(0)} MiB (ratio ${rss.toFixed(2)}); ` +
        `${(long.frames / long.seconds).toFixed(0)} frames/s over 3 h, ${(short.frames / short.seconds).toFixed(0)} over 10 min`,
    );
  }
  console.log(ok ? 'target met' : 'TARGET MISSED');
  process.exitCode = ok ? 0 : 1;
}

await main();

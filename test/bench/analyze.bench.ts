/**
 * Analysis throughput, per model, on the generated 60 s 1280x720 30 fps clip (npm run
 * bench:analyze). Models: every models/<id>/manifest.json, or the test fixtures when there are
 * none yet. For each model it prints
 *   - decode only: the media core delivering frames at the model's input size;
 *   - inference only: the model in its worker on ready tensors, batched as the engine batches
 *     (two-stream: the flow worker on ready frames is its own stage);
 *   - end to end: the engine from file to stored run (decode, preprocess, inference, store, segments);
 *   - the ratio of end to end to the pipeline bound 1 / (1/decode + 1/inference [+ 1/flow]),
 *     the rate of the stages run one after another (target ≥ 0.85; above 1 means they overlap),
 *     and to the best overlap allows, min(decode, inference).
 * Each figure is the median of five alternating repetitions. Exits 1 when a model misses the target.
 * Then the same job in Python (OpenCV VideoCapture + PyTorch eager, python-eager.ts), once, as
 * the ratio ours / Python. `-- --rss 10,60` measures peak RSS on long videos instead (see rssBench).
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { openAppCore } from '../../src/main/core/app.js';
import { defaultThreads } from '../../src/main/core/analysis/index.js';
import { openFarnebackFlow } from '../../src/main/core/analysis/flow/flow-computer.js';
import { planDecode } from '../../src/main/core/analysis/preprocess.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_CHUNK_FRAMES } from '../../src/main/core/analysis/strategies/index.js';
import { windowGeometry } from '../../src/main/core/analysis/strategies/window-plan.js';
import { decodeFrames, probeVideo, resolveBinaries } from '../../src/main/core/media/index.js';
import { ModelRegistry, REPO_MODELS_DIR, type RegisteredModel } from '../../src/main/core/models/index.js';
import { openStore } from '../../src/main/core/store/index.js';
import { InferenceWorker } from '../../src/workers/inference/client.js';
import type { WireTensor } from '../../src/workers/inference/protocol.js';
import { pythonEager } from './python-eager.js';
import { benchSkeletonModels } from './skeleton-analyze.js';
import { isSkeletonModel } from '../../src/shared/manifest.js';

const TARGET = 0.85;
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 5);
const CLIP = path.join(os.tmpdir(), 'actionlens-bench-testsrc2-1280x720-30fps-60s.mp4');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/models');

async function ensureClip(clip = CLIP, seconds = 60): Promise<void> {
  if (existsSync(clip)) return;
  console.log(`Generating ${clip} (once; cached in the temp folder)…`);
  const partial = `${clip}.partial.mp4`;
  await new Promise<void>((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', partial];
    const child = spawn(resolveBinaries().ffmpeg.path, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
  renameSync(partial, clip);
}

async function benchModels(): Promise<{ models: RegisteredModel[]; source: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'actionlens-bench-'));
  const store = openStore(path.join(dir, 'models.db'));
  try {
    const defaults = (await new ModelRegistry(store, [REPO_MODELS_DIR]).refresh()).models;
    if (defaults.length > 0) return { models: defaults, source: REPO_MODELS_DIR };
    return { models: (await new ModelRegistry(store, [FIXTURES]).refresh()).models, source: `${FIXTURES} (no default models yet)` };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decode only: the media core delivering every frame at the model's decode size. */
async function decodeRate(model: RegisteredModel, width: number, height: number): Promise<number> {
  const plan = planDecode(model.manifest.preprocess!, { width, height });
  const started = performance.now();
  let frames = 0;
  for await (const frame of decodeFrames(CLIP, { width: plan.width, height: plan.height, interpolation: plan.interpolation })) frames += frame.data.length > 0 ? 1 : 0;
  return frames / ((performance.now() - started) / 1000);
}

/** Inference only: the worker on ready tensors, in the engine's batches, two in flight (one for recurrent state). */
async function inferenceRate(model: RegisteredModel, frames: number, windowStride: number): Promise<number> {
  const m = model.manifest;
  const { worker } = await InferenceWorker.start(model.modelFile, 'cpu', defaultThreads());
  try {
    const { width: W, height: H } = m.preprocess!;
    const fixedBatch = m.inputs.rgb!.shape[0];
    const batch = typeof fixedBatch === 'number' ? fixedBatch : DEFAULT_BATCH_SIZE;
    let feeds: () => Record<string, WireTensor>;
    let requests: number;
    let inFlight = 2;
    if (m.family === 'frame-classifier') {
      feeds = () => ({ [m.inputs.rgb!.name]: tensor(m.inputs.rgb!.layout === 'NSCHW' ? [batch, 1, 3, H, W] : [batch, 3, H, W]) });
      requests = Math.ceil(frames / batch);
    } else if (m.family === 'recurrent') {
      const time = m.inputs.rgb!.shape[1];
      const T = typeof time === 'number' ? time : DEFAULT_CHUNK_FRAMES;
      feeds = () => ({ [m.inputs.rgb!.name]: tensor([1, T, 3, H, W]), ...Object.fromEntries((m.inputs.state ?? []).map((s) => [s.input, tensor(s.shape)])) });
      requests = Math.ceil(frames / T);
      inFlight = 1;
    } else {
      const g = windowGeometry(m.clip!, windowStride);
      const windows = Math.floor((frames - g.span) / windowStride) + 2;
      const T = g.length;
      const rgbDims = m.family === 'two-stream' ? [batch, 3, H, W] : m.inputs.rgb!.layout === 'NCTHW' ? [batch, 3, T, H, W] : [batch, T, 3, H, W];
      const flow = () => (m.inputs.flow && m.flow ? { [m.inputs.flow.name]: tensor([batch, 2 * m.flow.pairs, m.flow.height, m.flow.width]) } : {});
      feeds = () => ({ [m.inputs.rgb!.name]: tensor(rgbDims), ...flow() });
      requests = Math.ceil(windows / batch);
    }
    const fetch = [m.output.name, ...(m.inputs.state ?? []).map((s) => s.output)];
    await worker.run(feeds(), fetch); // warm-up: the first run allocates and optimises
    const started = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < requests; i++) {
      if (pending.length >= inFlight) await pending.shift();
      pending.push(worker.run(feeds(), fetch));
    }
    await Promise.all(pending);
    return frames / ((performance.now() - started) / 1000);
  } finally {
    await worker.close();
  }
}

/** Flow only (two-stream): the flow worker on ready frames, one pair per frame. */
async function flowRate(model: RegisteredModel, pairs: number): Promise<number> {
  const spec = model.manifest.flow!;
  const flow = await openFarnebackFlow(spec);
  try {
    const frames = [0, 1].map((k) => Uint8Array.from({ length: spec.width * spec.height * 3 }, (_, i) => (i * 7 + k * 13) % 251));
    await flow.compute(frames[0]!, frames[1]!);
    const started = performance.now();
    for (let i = 0; i < pairs; i++) await flow.compute(frames[i % 2]!, frames[(i + 1) % 2]!);
    return pairs / ((performance.now() - started) / 1000);
  } finally {
    await flow.close();
  }
}

/** End to end: the engine from file to a completed, stored run, timed by the run itself. */
async function endToEnd(model: RegisteredModel, modelDir: string, clip = CLIP): Promise<{ fps: number; frames: number; timings: Record<string, number> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'actionlens-bench-'));
  const core = openAppCore({ databaseFile: path.join(dir, 'bench.db'), version: 'bench', modelDirs: [modelDir] });
  try {
    const { added } = await core.library.add([clip]);
    const [job] = await core.analysis.start({ videoIds: [added[0]!.id], modelIds: [model.summary.id], options: { provider: 'cpu' } });
    const [done] = await core.analysis.wait([job!.id]);
    if (done?.state !== 'completed') throw new Error(`${model.summary.id}: ${done?.error?.message}`);
    const run = core.analysis.run(done.runId!);
    return { fps: run.framesDone / (run.timings!.total! / 1000), frames: run.framesDone, timings: run.timings! };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * --rss [minutes,minutes]: peak RSS of the engine analysing generated 720p30 clips of these
 * lengths (default 10,60) with the recurrent model, each in a fresh process; memory must not
 * grow with the video (target under 600 MB). --rss-child <clip> runs one such analysis.
 */
const rssAt = process.argv.indexOf('--rss');
const childAt = process.argv.indexOf('--rss-child');
if (childAt > 0) {
  await rssChild(process.argv[childAt + 1]!);
  process.exit(0);
}
if (rssAt > 0) {
  await rssBench((process.argv[rssAt + 1] ?? '10,60').split(',').map(Number));
  process.exit(0);
}

async function recurrentModel(): Promise<RegisteredModel> {
  const { models } = await benchModels();
  // The figure is for cnn-lstm; any recurrent model where it is absent.
  const model = models.find((m) => m.summary.id === 'cnn-lstm') ?? models.find((m) => m.manifest.family === 'recurrent');
  if (!model) throw new Error('no recurrent model to measure memory with');
  return model;
}

async function rssChild(clip: string): Promise<void> {
  const model = await recurrentModel();
  const started = performance.now();
  const run = await endToEnd(model, path.dirname(model.summary.dir), clip);
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, frames: run.frames, seconds: (performance.now() - started) / 1000 }));
}

async function rssBench(minutes: number[]): Promise<void> {
  const model = await recurrentModel();
  console.log(`Peak RSS analysing generated 1280x720 30 fps clips with ${model.summary.id}, each in a fresh process (target < 600 MB, flat in length):`);
  for (const length of minutes) {
    const clip = path.join(os.tmpdir(), `actionlens-bench-testsrc2-1280x720-30fps-${length * 60}s.mp4`);
    await ensureClip(clip, length * 60);
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--rss-child', clip], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`measurement exited ${code}`))));
    });
    const result = JSON.parse(output.trim().split('\n').at(-1)!) as { maxRssMb: number; frames: number; seconds: number };
    console.log(`  ${String(length).padStart(3)} min  ${result.frames} frames in ${result.seconds.toFixed(0)} s (${(result.frames / result.seconds).toFixed(0)} frames/s)  peak RSS ${result.maxRssMb.toFixed(0)} MB`);
  }
}

await ensureClip();
const probe = await probeVideo(CLIP);
const { models: found, source } = await benchModels();
// BENCH_MODELS=id,id limits the run to those models.
const only = process.env.BENCH_MODELS?.split(',');
const chosen = only ? found.filter((m) => only.includes(m.summary.id)) : found;
// Skeleton models read a pose run, not frames: measured end to end on real footage (skeleton-analyze.ts).
const models = chosen.filter((m) => !isSkeletonModel(m.manifest));
const skeletonModels = chosen.filter((m) => isSkeletonModel(m.manifest));
const threads = defaultThreads();
console.log(`Clip ${CLIP}: ${probe.video.frameCount} frames ${probe.video.displayWidth}x${probe.video.displayHeight}. Models from ${source}.`);
console.log(`${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), inference threads intraOp ${threads.intraOp} / interOp ${threads.interOp}, provider cpu.\n`);

let failed = false;
for (const model of models) {
  const step = (name: string) => process.env.BENCH_VERBOSE && console.log(`  … ${model.summary.id}: ${name}`);
  // Alternating repetitions, medians: other work on the machine then slows every stage alike.
  const decodes: number[] = [];
  const inferences: number[] = [];
  const flows: number[] = [];
  const runs: Awaited<ReturnType<typeof endToEnd>>[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    step(`repetition ${r + 1}`);
    decodes.push(await decodeRate(model, probe.video.displayWidth, probe.video.displayHeight));
    inferences.push(await inferenceRate(model, probe.video.frameCount, 4));
    if (model.manifest.family === 'two-stream') flows.push(await flowRate(model, 300));
    runs.push(await endToEnd(model, path.dirname(model.summary.dir)));
  }
  const decode = median(decodes);
  const inference = median(inferences);
  const flow = flows.length > 0 ? median(flows) : null;
  const e2e = runs.find((run) => run.fps === median(runs.map((x) => x.fps)))!;
  const bound = 1 / (1 / decode + 1 / inference + (flow ? 1 / flow : 0));
  const best = Math.min(decode, inference, flow ?? Infinity);
  const ratio = e2e.fps / bound;
  failed ||= ratio < TARGET;
  const row = (name: string, value: string, reference = '') => console.log(`  ${name.padEnd(34)} ${value.padStart(16)}   ${reference}`);
  console.log(`${model.summary.id} (${model.manifest.family}, ${model.manifest.architecture}, input ${model.manifest.preprocess!.width}x${model.manifest.preprocess!.height})`);
  row('decode only', `${decode.toFixed(0)} frames/s`);
  row('inference only (ready tensors)', `${inference.toFixed(0)} frames/s`);
  if (flow) row('flow only (ready frames)', `${flow.toFixed(0)} pairs/s`);
  row('end to end (file → stored run)', `${e2e.fps.toFixed(0)} frames/s`, `${e2e.frames} frames; stage ms ${JSON.stringify(e2e.timings)}`);
  row('pipeline bound 1/(Σ 1/stage)', `${bound.toFixed(0)} frames/s`, `end to end / bound = ${ratio.toFixed(2)} (target ≥ ${TARGET})`);
  row('overlap bound min(stage)', `${best.toFixed(0)} frames/s`, `end to end / min = ${(e2e.fps / best).toFixed(2)}`);
  step('python eager');
  const eager = pythonEager(model.manifest, CLIP);
  if ('skipped' in eager) row('Python (OpenCV + PyTorch eager)', 'not measured', eager.skipped);
  else row('Python (OpenCV + PyTorch eager)', `${eager.fps.toFixed(0)} frames/s`, `ours / Python = ${(e2e.fps / eager.fps).toFixed(2)} (${eager.frames} frames)`);
  console.log();
}
failed = !(await benchSkeletonModels(skeletonModels, REPETITIONS)) || failed;
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log('Memory on long videos: npm run bench:analyze -- --rss 10,60.');
console.log(failed ? 'FAIL: a model is below the target' : 'PASS');
process.exitCode = failed ? 1 : 0;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function tensor(dims: number[]): WireTensor {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37);
  return { data, dims };
}

/**
 * Stores a completed run with synthetic probabilities for a library video, through the core's
 * own store and post-processing: for bench:ui (300,000 frames) and for the 400-class e2e test,
 * where no model here gives confident output on real footage. Shaped like a model's output (as in
 * bench:postprocess): actions lasting 1–20 s, each frame a noisy softmax around the true class,
 * with 5% one-frame flips. Run directly: node --import tsx test/e2e/syntheticRun.ts <db> <videoId> <modelId> [seed]
 */
import { postprocessSchema, type PostprocessOptions } from '../../src/shared/analysis.js';
import { openAppCore, type AppCore } from '../../src/main/core/app.js';
import { deriveRunSegments, storeRunSegments } from '../../src/main/core/analysis/run-results.js';
import { runIdentity } from '../../src/main/core/analysis/run-identity.js';
import { parseRequest } from '../../src/main/core/analysis/service.js';
import { seededRandom as mulberry32 } from '../helpers/random.js';

/** Probabilities of `count` frames from where `state` left off. */
function probabilities(random: () => number, state: { frame: number; truth: number; until: number }, count: number, classes: number, fps: number, maxActionSec: number): Float32Array {
  const probs = new Float32Array(count * classes);
  for (let i = 0; i < count; i++, state.frame++) {
    if (state.frame >= state.until) {
      state.truth = Math.floor(random() * classes);
      state.until = state.frame + Math.max(1, Math.floor((1 + random() * (maxActionSec - 1)) * fps));
    }
    const shown = random() < 0.05 ? Math.floor(random() * classes) : state.truth;
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      // The shown class gets a logit lead of ln(classes): about 0.5 probability at any class count.
      const value = Math.exp((c === shown ? Math.log(classes) : 0) + random() * 1.5);
      probs[i * classes + c] = value;
      sum += value;
    }
    for (let c = 0; c < classes; c++) probs[i * classes + c]! /= sum;
  }
  return probs;
}

export interface SyntheticRunOptions {
  videoId: number;
  modelId: string;
  frames: number;
  postprocess?: PostprocessOptions;
  seed?: number;
  /** Longest synthetic action (default 20 s). */
  maxActionSec?: number;
}

/** Stores the run (id and segment count returned); the model must be one the core can find. */
export async function storeSyntheticRun(core: AppCore, options: SyntheticRunOptions): Promise<{ runId: number; segments: number }> {
  const { videoId, frames, seed = 1, maxActionSec = 20 } = options;
  const postprocess = options.postprocess ?? postprocessSchema.parse({});
  const model = await core.models.get(options.modelId);
  const video = core.store.videos.get(videoId);
  if (!video) throw new Error(`no video ${videoId}`);
  const fps = video.probe.video.fps > 0 ? video.probe.video.fps : 25;
  const { params } = runIdentity(model, parseRequest({ modelId: model.summary.id, postprocess }), video.fingerprint);
  const labels = model.manifest.labels;
  const { store } = core;
  const run = store.runs.create({ videoId, modelId: model.summary.id, params, paramsHash: `synthetic-${seed}-${Date.now()}`, provider: 'cpu', frameCount: frames, labels });
  store.runs.markRunning(run.id, { providerUsed: 'cpu', frameCount: frames });
  const random = mulberry32(seed);
  const state = { frame: 0, truth: 0, until: 0 };
  for (let start = 0; start < frames; start += 4096) {
    const count = Math.min(4096, frames - start);
    const probs = probabilities(random, state, count, labels.length, fps, maxActionSec);
    store.transaction(() => {
      store.predictions.appendChunk(run.id, start, probs, labels.length);
      store.runs.updateProgress(run.id, start + count);
    });
  }
  const segments = deriveRunSegments(store, run.id, labels, fps, frames, postprocess);
  storeRunSegments(store, run.id, segments);
  store.runs.markCompleted(run.id, { framesDone: frames });
  return { runId: run.id, segments: segments.length };
}

// As a script: store one run into a database (the e2e test calls it before starting the web host).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  const [database, videoId, modelId, seed = '1'] = process.argv.slice(2);
  const core = openAppCore({ databaseFile: database!, version: 'synthetic' });
  const video = core.store.videos.get(Number(videoId));
  const result = await storeSyntheticRun(core, { videoId: Number(videoId), modelId: modelId!, frames: video?.probe.video.frameCount ?? 0, seed: Number(seed), maxActionSec: 2 });
  await core.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

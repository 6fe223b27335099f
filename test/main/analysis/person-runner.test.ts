/**
 * PersonRunner ([Note: streamed people]) with the shipped ONNX models in the engine's
 * InferenceWorker: a 20,000-frame track fed a frame at a time holds only what its next batch,
 * chunk or windows need, never the track, and its probabilities equal the same track fed at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestSchema } from '../../../src/shared/manifest.js';
import { CLIP_BATCH, CLIP_STRIDE, FRAME_BATCH, FRAME_VALUES, RECURRENT_CHUNK, type RunModel } from '../../../src/main/core/analysis/strategies/keypoint.js';
import { PersonRunner } from '../../../src/main/core/analysis/strategies/person-runner.js';
import { InferenceWorker } from '../../../src/workers/inference/client.js';

const MODELS = path.resolve(import.meta.dirname, '../../../models');
const FAMILIES = ['pose-framewise', 'pose-gru', 'pose-two-stream'];
const absent = FAMILIES.find((f) => !existsSync(path.join(MODELS, f, 'model.onnx')));
const FRAMES = 20_000;

/** A person walking in place: smooth keypoints in a 640×480 frame, every score 0.9. */
function keypointsAt(t: number): Float32Array {
  const values = new Float32Array(FRAME_VALUES);
  for (let k = 0; k < FRAME_VALUES / 3; k++) {
    values[3 * k] = 320 + 40 * Math.sin(t / 9 + k);
    values[3 * k + 1] = 120 + 15 * k + 10 * Math.cos(t / 7 + k);
    values[3 * k + 2] = 0.9;
  }
  return values;
}

/** The model through the engine's own InferenceWorker, as analyseKeypoints runs it. */
async function open(family: string) {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(MODELS, family, 'manifest.json'), 'utf8')));
  const { worker } = await InferenceWorker.start(path.join(MODELS, family, 'model.onnx'), 'cpu', { intraOp: 1, interOp: 1 });
  const run: RunModel = async (feeds, fetch) => (await worker.run(feeds, fetch)).outputs;
  return { manifest, run, worker };
}

describe.skipIf(absent)(`PersonRunner${absent ? ` (skipped: models/${absent}/model.onnx is absent; npm run models:build makes it)` : ''}`, () => {
  it.each(FAMILIES)('%s: a long track fed frame by frame holds a bounded window and equals the track fed at once', async (family) => {
    const { manifest, run, worker } = await open(family);
    const classes = manifest.labels.length;
    const bound = manifest.family === 'clip' ? CLIP_BATCH * CLIP_STRIDE + (manifest.clip?.length ?? 32) : manifest.family === 'recurrent' ? RECURRENT_CHUNK : FRAME_BATCH;
    const streamed = new Float32Array(FRAMES * classes);
    const runner = new PersonRunner(manifest, run, 30, FRAMES);
    let mostHeld = 0;
    for (let t = 0; t < FRAMES; t++) {
      runner.push(keypointsAt(t));
      mostHeld = Math.max(mostHeld, runner.held);
      if (t % 500 === 499 || t === FRAMES - 1) await runner.advance((from, probs) => streamed.set(probs, from * classes));
    }
    expect(runner.done).toBe(FRAMES);
    expect(mostHeld, 'input frames held at once').toBeLessThanOrEqual(bound + 500);
    expect(runner.held).toBe(0);

    const whole = new Float32Array(FRAMES * classes);
    const once = new PersonRunner(manifest, run, 30, FRAMES);
    for (let t = 0; t < FRAMES; t++) once.push(keypointsAt(t));
    await once.advance((from, probs) => whole.set(probs, from * classes));
    let worst = 0;
    for (let i = 0; i < whole.length; i++) worst = Math.max(worst, Math.abs(whole[i]! - streamed[i]!));
    expect(worst).toBeLessThanOrEqual(1e-6);
    expect(() => runner.push(keypointsAt(0))).toThrow(/more frames than the track holds/);
    await worker.close();
  }, 300_000);
});

/**
 * The default models give in ActionLens what they gave in PyTorch (models/training/parity.py):
 * the training run recorded PyTorch's clip top-1 on a small generated parity set and one input's
 * logits; here the same clips are regenerated (the generator is deterministic for a seed) and run
 * through the real product path: media-core decoding, the app's preprocessing, onnxruntime-node
 * in the engine's workers, the engine's per-family labelling, the store.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema, type ModelManifest } from '../../../src/shared/manifest.js';
import { tmpDir } from '../../helpers/clips.js';
import { decodeFrames } from '../../../src/main/core/media/index.js';
import { createFlowComputer } from '../../../src/workers/flow/farneback.js';
import { addVideo, analyse, useTestCore } from '../analysis/core.js';
import { referenceFrames } from '../analysis/reference.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const MODELS_DIR = path.join(REPO, 'models');

interface ParityRecord {
  generator: { seed: number; clips: number };
  clips: { item: string; label: string; top1: string }[];
  logits: { item: string; frames: number[]; values: number[] | number[][] | number[][][] };
}

// The RGB families; the skeleton families' parity (keypoints in, recorded PyTorch probabilities) is test/training/skeleton-parity.test.ts.
const trained = readdirSync(MODELS_DIR)
  .filter((id) => ['parity.json', 'manifest.json', 'model.onnx'].every((f) => existsSync(path.join(MODELS_DIR, id, f))))
  .filter((id) => (JSON.parse(readFileSync(path.join(MODELS_DIR, id, 'manifest.json'), 'utf8')) as { inputs: { rgb?: unknown } }).inputs.rgb !== undefined);

describe.skipIf(trained.length === 0)(`default models in the app runtime${trained.length === 0 ? ' (skipped: no trained model with parity.json under models/)' : ''}`, () => {
  const cores = useTestCore();
  let parityDir = '';

  beforeAll(() => {
    const record = JSON.parse(readFileSync(path.join(MODELS_DIR, trained[0]!, 'parity.json'), 'utf8')) as ParityRecord;
    parityDir = path.join(tmpDir('parity'), 'set');
    const args = ['--import', 'tsx', 'models/dataset/cli.ts', '--out', parityDir, '--clips', String(record.generator.clips), '--sequences', '0', '--seed', String(record.generator.seed), '--force'];
    execFileSync(process.execPath, args, { cwd: REPO, stdio: 'ignore' });
  }, 180_000);

  const itemFile = (item: string) => path.join(parityDir, item.replace('/', '/clips/') + '.mp4');

  for (const id of trained) {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(MODELS_DIR, id, 'manifest.json'), 'utf8')));
    const record = JSON.parse(readFileSync(path.join(MODELS_DIR, id, 'parity.json'), 'utf8')) as ParityRecord;

    it(`${id}: the same clip top-1 as PyTorch on at least 99% of the parity clips`, async () => {
      const core = cores.open({ modelDirs: [MODELS_DIR] });
      let same = 0;
      const differing: string[] = [];
      for (const clip of record.clips) {
        const video = await addVideo(core, itemFile(clip.item));
        const run = await analyse(core, video.id, id);
        expect(run.state).toBe('completed');
        const { probs, classCount, frameCount } = core.store.predictions.readRange(run.runId!, 0, video.probe.video.frameCount);
        const mean = new Float64Array(classCount);
        for (let i = 0; i < probs.length; i++) mean[i % classCount]! += probs[i]! / frameCount;
        const top1 = manifest.labels[mean.indexOf(Math.max(...mean))];
        if (top1 === clip.top1) same += 1;
        else differing.push(`${clip.item}: app ${top1}, PyTorch ${clip.top1}`);
      }
      expect(same / record.clips.length, differing.join('; ')).toBeGreaterThanOrEqual(0.99);
    }, 300_000);

    it(`${id}: logits within 1e-3 of the PyTorch export on one input`, async () => {
      const frames = await referenceFrames(itemFile(record.logits.item), manifest);
      const session = await ort.InferenceSession.create(path.join(MODELS_DIR, id, 'model.onnx'), { intraOpNumThreads: 1 });
      const feeds = feedsFor(manifest, record.logits.frames.map((f) => frames[f]!));
      if (manifest.family === 'two-stream') feeds[manifest.inputs.flow!.name] = await flowFeed(manifest, itemFile(record.logits.item), record.logits.frames);
      const outputs = await session.run(feeds);
      const got = outputs[manifest.output.name]!.data as Float32Array;
      const expected = (record.logits.values as unknown[]).flat(3) as number[];
      expect(got.length).toBe(expected.length);
      const maxDiff = expected.reduce((m, v, i) => Math.max(m, Math.abs(v - got[i]!)), 0);
      expect(maxDiff).toBeLessThanOrEqual(1e-3);
    });
  }
});

/** Two-stream: the app's Farneback flow of each consecutive pair of the window's frames, stacked. */
async function flowFeed(manifest: ModelManifest, file: string, window: number[]): Promise<ort.Tensor> {
  const spec = manifest.flow!;
  const rgb: Uint8Array[] = [];
  for await (const frame of decodeFrames(file, { width: spec.width, height: spec.height, interpolation: manifest.preprocess!.interpolation })) rgb.push(Uint8Array.from(frame.data));
  const computer = await createFlowComputer(spec);
  try {
    const plane = 2 * spec.width * spec.height;
    const stacked = new Float32Array(spec.pairs * plane);
    for (let k = 0; k < spec.pairs; k++) stacked.set(computer.flow(rgb[window[k]!]!, rgb[window[k + 1]!]!, spec.width, spec.height), k * plane);
    return new ort.Tensor('float32', stacked, [1, 2 * spec.pairs, spec.height, spec.width]);
  } finally {
    computer.dispose();
  }
}

/** The model's input for the parity frames, in its layout (zero state for recurrent models; two-stream: the window's centre frame, its flow added by flowFeed). */
function feedsFor(manifest: ModelManifest, frames: Float32Array[]): Record<string, ort.Tensor> {
  const { width, height } = manifest.preprocess!;
  const plane = width * height;
  const concat = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.length * parts[0]!.length);
    parts.forEach((p, i) => out.set(p, i * p.length));
    return out;
  };
  const rgb = manifest.inputs.rgb!;
  if (manifest.family === 'two-stream') return { [rgb.name]: new ort.Tensor('float32', frames[Math.floor((frames.length - 1) / 2)]!, [1, 3, height, width]) };
  if (rgb.layout === 'NCHW') return { [rgb.name]: new ort.Tensor('float32', concat(frames), [frames.length, 3, height, width]) };
  if (rgb.layout === 'NTCHW') {
    const feeds: Record<string, ort.Tensor> = { [rgb.name]: new ort.Tensor('float32', concat(frames), [1, frames.length, 3, height, width]) };
    for (const state of manifest.inputs.state ?? []) feeds[state.input] = new ort.Tensor('float32', new Float32Array(state.shape.reduce((a, b) => a * b, 1)), state.shape);
    return feeds;
  }
  // NCTHW: channel planes first, then time.
  const out = new Float32Array(3 * frames.length * plane);
  frames.forEach((frame, t) => {
    for (let c = 0; c < 3; c++) out.set(frame.subarray(c * plane, (c + 1) * plane), (c * frames.length + t) * plane);
  });
  return { [rgb.name]: new ort.Tensor('float32', out, [1, 3, frames.length, height, width]) };
}

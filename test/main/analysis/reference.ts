/**
 * An independent way to compute what the engine should store: frames decoded once, preprocessed
 * pixel by pixel, and the model run in this thread, one sample at a time, by the test itself.
 */
import * as ort from 'onnxruntime-node';
import { planDecode } from '../../../src/main/core/analysis/preprocess.js';
import { decodeFrames, probeVideo } from '../../../src/main/core/media/index.js';
import type { ModelManifest } from '../../../src/shared/manifest.js';
import { fixtureManifest, fixtureModelFile, type FixtureModelId } from './fixtures.js';

/** Each frame as the model sees it: C×H×W floats. */
export async function referenceFrames(file: string, manifest: ModelManifest): Promise<Float32Array[]> {
  const probe = await probeVideo(file);
  const pre = manifest.preprocess!;
  const plan = planDecode(pre, { width: probe.video.displayWidth, height: probe.video.displayHeight });
  const frames: Float32Array[] = [];
  for await (const frame of decodeFrames(file, { width: plan.width, height: plan.height, interpolation: plan.interpolation })) {
    const out = new Float32Array(3 * pre.width * pre.height);
    for (let c = 0; c < 3; c++) {
      const source = pre.colorOrder === 'RGB' ? c : 2 - c;
      for (let y = 0; y < pre.height; y++) {
        for (let x = 0; x < pre.width; x++) {
          const byte = frame.data[((y + plan.cropY) * plan.width + x + plan.cropX) * 3 + source]!;
          const value = pre.valueRange === '0-1' ? byte / 255 : byte;
          out[(c * pre.height + y) * pre.width + x] = (value - pre.mean[c]!) / pre.std[c]!;
        }
      }
    }
    frames.push(out);
  }
  return frames;
}

export function softmax(logits: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(logits));
  const e = Array.from(logits, (v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export async function openSession(id: FixtureModelId): Promise<{ session: ort.InferenceSession; manifest: ModelManifest }> {
  const session = await ort.InferenceSession.create(fixtureModelFile(id), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  return { session, manifest: fixtureManifest(id) };
}

export async function run(session: ort.InferenceSession, feeds: Record<string, { data: Float32Array; dims: number[] }>): Promise<Record<string, Float32Array>> {
  const tensors = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, new ort.Tensor('float32', t.data, t.dims)]));
  const results = await session.run(tensors);
  return Object.fromEntries(Object.entries(results).map(([name, t]) => [name, t.data as Float32Array]));
}

/** Largest absolute difference between two row lists. */
export function maxDifference(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  let max = 0;
  a.forEach((row, f) => Array.from(row).forEach((v, c) => (max = Math.max(max, Math.abs(v - b[f]![c]!)))));
  return max;
}

/** Rows of a frame-major probability array. */
export function rowsOf(probs: Float32Array, classCount: number): Float32Array[] {
  return Array.from({ length: probs.length / classCount }, (_, f) => probs.subarray(f * classCount, (f + 1) * classCount));
}

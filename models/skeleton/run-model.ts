/**
 * Runs an exported skeleton model (models/pose-*: model.onnx + manifest.json) over one person's
 * keypoints exactly as its manifest says: recurrent models stream chunks with every state carried
 * (zeros first), clip models slide a causal window every CLIP_STRIDE frames (the first frame
 * repeated before the start), frame classifiers see each frame alone. Returns per-frame
 * probabilities. [Note: the app's engine does this once the manifest extension is in; this file
 * is the reference it must match.]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';

export const CLIP_STRIDE = 4;
const CHUNK = 64;

interface StateSpec {
  input: string;
  output: string;
  shape: number[];
}
export interface SkeletonManifest {
  id: string;
  family: 'recurrent' | 'clip' | 'frame-classifier';
  labels: string[];
  inputs: { keypoints: { name: string; shape: (number | string)[] }; fps?: { name: string }; state?: StateSpec[] };
  output: { name: string; kind: 'logits' | 'probabilities' };
  clip?: { length: number };
}

function softmaxRows(data: Float32Array, classes: number, logits: boolean): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let r = 0; r < data.length / classes; r++) {
    const row = data.slice(r * classes, (r + 1) * classes);
    if (logits) {
      const max = Math.max(...row);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += row[c] = Math.exp((row[c] as number) - max);
      for (let c = 0; c < classes; c++) row[c] = (row[c] as number) / sum;
    }
    rows.push(row);
  }
  return rows;
}

export class SkeletonModel {
  private constructor(
    readonly manifest: SkeletonManifest,
    private readonly session: ort.InferenceSession,
  ) {}

  static async load(dir: string): Promise<SkeletonModel> {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as SkeletonManifest;
    const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'), { intraOpNumThreads: 1 });
    return new SkeletonModel(manifest, session);
  }

  /** keypoints: frames × 51 (x, y, score per COCO keypoint) → probabilities per frame. */
  async frameProbs(keypoints: Float32Array[], fps: number): Promise<Float32Array[]> {
    const m = this.manifest;
    const classes = m.labels.length;
    const logits = m.output.kind === 'logits';
    const fpsFeed = (n: number): Record<string, ort.Tensor> => (m.inputs.fps ? { [m.inputs.fps.name]: new ort.Tensor('float32', new Float32Array(n).fill(fps), [n]) } : {});
    const stack = (frames: Float32Array[]): Float32Array => {
      const out = new Float32Array(frames.length * 51);
      frames.forEach((f, i) => out.set(f, i * 51));
      return out;
    };
    if (m.family === 'frame-classifier') {
      const feeds = { [m.inputs.keypoints.name]: new ort.Tensor('float32', stack(keypoints), [keypoints.length, 17, 3]) };
      const out = await this.session.run(feeds);
      return softmaxRows(out[m.output.name]!.data as Float32Array, classes, logits);
    }
    if (m.family === 'recurrent') {
      const state: Record<string, ort.Tensor> = {};
      for (const s of m.inputs.state ?? []) state[s.input] = new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b, 1)), s.shape);
      const rows: Float32Array[] = [];
      for (let i = 0; i < keypoints.length; i += CHUNK) {
        const chunk = keypoints.slice(i, i + CHUNK);
        const feeds = { [m.inputs.keypoints.name]: new ort.Tensor('float32', stack(chunk), [1, chunk.length, 17, 3]), ...fpsFeed(1), ...state };
        const out = await this.session.run(feeds);
        for (const s of m.inputs.state ?? []) state[s.input] = out[s.output]!;
        rows.push(...softmaxRows(out[m.output.name]!.data as Float32Array, classes, logits));
      }
      return rows;
    }
    const length = m.clip?.length ?? 32;
    const ends: number[] = [];
    for (let e = keypoints.length - 1; e >= 0; e -= CLIP_STRIDE) ends.unshift(e);
    const windows = ends.map((e) => stack(Array.from({ length }, (_, k) => keypoints[Math.max(0, e - length + 1 + k)] as Float32Array)));
    const probs: Float32Array[] = [];
    for (let i = 0; i < windows.length; i += 32) {
      const batch = windows.slice(i, i + 32);
      const data = new Float32Array(batch.length * length * 51);
      batch.forEach((w, k) => data.set(w, k * length * 51));
      const feeds = { [m.inputs.keypoints.name]: new ort.Tensor('float32', data, [batch.length, length, 17, 3]), ...fpsFeed(batch.length) };
      const out = await this.session.run(feeds);
      probs.push(...softmaxRows(out[m.output.name]!.data as Float32Array, classes, logits));
    }
    // Each frame takes the latest window ending at or before it.
    return keypoints.map((_, f) => {
      let w = 0;
      while (w + 1 < ends.length && (ends[w + 1] as number) <= f) w++;
      return probs[w] as Float32Array;
    });
  }
}

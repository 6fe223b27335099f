/**
 * Issue 6, item 4: a torchvision model imported into ActionLens gives the logits PyTorch gives.
 * torchvision's r3d_18 and r2plus1d_18 with fixed-seed random weights (nothing can be downloaded
 * here) are exported by models/export/export_torchvision.py, imported with the manifest it
 * writes, and fed one 16-frame clip of a real Kinetics video: ActionLens decodes it (media core,
 * at the manifest's decode plan), preprocesses it (FramePacker, as the engine does) and runs it
 * in an inference worker (onnxruntime-node); PyTorch eager runs torchvision's own transform for
 * the weights on the same frames (models/export/torch_reference.py). They must agree within 1e-3
 * (max absolute difference, logits scaled to unit standard deviation).
 *
 * The usual PyTorch pipeline does not see the same frames: it decodes with its own decoder and
 * resizes with torch's bilinear interpolation, where ActionLens lets ffmpeg scale while decoding.
 * The test measures both differences (pixels and logits) and prints them; they are reported,
 * not bounded, since they depend on the decoder build, not on ActionLens.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FramePacker, planDecode } from '../../../src/main/core/analysis/preprocess.js';
import { decodeFrames, probeVideo } from '../../../src/main/core/media/index.js';
import { ModelRegistry } from '../../../src/main/core/models/index.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { InferenceWorker, runningInferenceWorkers } from '../../../src/workers/inference/client.js';
import { tmpDir } from '../../helpers/clips.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const PYTHON = '/usr/bin/python3';
const CLIP = path.resolve(REPO, '../shared/corpus/kinetics-armwrestling-340x256-28fps.mp4');
const SEED = 20261122;
const FIRST_FRAME = 100;

const torchMissing = spawnSync(PYTHON, ['-c', 'import torch, torchvision, cv2'], { stdio: 'ignore' }).status !== 0;
const skipReason = torchMissing ? ' (skipped: /usr/bin/python3 lacks torch, torchvision or cv2)' : !existsSync(CLIP) ? ` (skipped: ${CLIP} not found; the corpus lives in ../shared/corpus)` : '';

interface Reference {
  transform: string;
  identical: number[];
  appNative: number[];
  cv2: number[];
  resizeDifference: PixelStats;
  decoderDifference: PixelStats;
}
interface PixelStats {
  meanAbs: number;
  maxAbs: number;
  identicalShare: number;
}

/** Max |a − b| after dividing both by the reference's standard deviation. */
export function scaledMaxDifference(reference: number[], other: ArrayLike<number>): number {
  const mean = reference.reduce((a, b) => a + b, 0) / reference.length;
  const std = Math.sqrt(reference.reduce((a, b) => a + (b - mean) ** 2, 0) / reference.length);
  return reference.reduce((m, v, i) => Math.max(m, Math.abs(v - other[i]!) / std), 0);
}

/** The frames with these indices, decoded by the media core at width × height. */
async function decodeAt(file: string, size: { width: number; height: number; interpolation: 'bilinear' | 'bicubic' | 'area' }, indices: number[]): Promise<Uint8Array[]> {
  const wanted = new Map<number, Uint8Array>();
  for await (const frame of decodeFrames(file, size)) {
    if (indices.includes(frame.index)) wanted.set(frame.index, frame.data.slice());
    if (frame.index >= indices.at(-1)!) break;
  }
  return indices.map((i) => wanted.get(i)!);
}

const concat = (frames: Uint8Array[]) => Buffer.concat(frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));

describe.skipIf(skipReason !== '')(`torchvision models imported into ActionLens give PyTorch's logits${skipReason}`, () => {
  let dir: string;
  let store: Store;

  beforeEach(() => {
    dir = tmpDir('import-parity');
    store = openStore(path.join(dir, 'actionlens.db'));
  });
  afterEach(() => {
    store.close();
    expect(runningInferenceWorkers()).toBe(0);
  });

  for (const arch of ['r3d_18', 'r2plus1d_18']) {
    it(`${arch}: within 1e-3 of PyTorch eager on identical frames; the decoder and resize differences are measured`, async () => {
      const exportDir = path.join(dir, 'export');
      // Children get their own timeouts, shorter than the test's: a stuck one is killed, not left behind.
      await promisify(execFile)(PYTHON, ['models/export/export_torchvision.py', '--arch', arch, '--random-seed', String(SEED), '--out', exportDir], { cwd: REPO, timeout: 120_000 });
      const importDir = path.join(dir, 'models');
      const registry = new ModelRegistry(store, [importDir], { importDir, shippedDir: path.join(dir, 'shipped') });
      const imported = await registry.import({ modelFile: path.join(exportDir, 'model.onnx'), manifestFile: path.join(exportDir, 'manifest.json') });
      const { manifest, modelFile } = await registry.get(imported.model.id);
      expect(manifest.preprocess!).toMatchObject({ resize: 'direct-crop', resizeWidth: 171, resizeHeight: 128, width: 112, height: 112, cropOffset: 'round-half-even' });

      // ActionLens: the engine's decode plan, its packer (NCTHW planes), an inference worker.
      const probe = await probeVideo(CLIP);
      const video = { width: probe.video.displayWidth, height: probe.video.displayHeight };
      const plan = planDecode(manifest.preprocess!, video);
      expect(plan).toMatchObject({ width: 171, height: 128, cropX: 30, cropY: 8 }); // torchvision: int(round(59 / 2)) = 30
      const { length: T, frameInterval } = manifest.clip!;
      const indices = Array.from({ length: T }, (_, t) => FIRST_FRAME + t * frameInterval);
      const planFrames = await decodeAt(CLIP, plan, indices);
      const nativeFrames = await decodeAt(CLIP, { ...video, interpolation: 'bilinear' }, indices);
      const packer = new FramePacker(manifest.preprocess!, plan);
      const input = new Float32Array(3 * T * packer.planeSize);
      planFrames.forEach((frame, t) => packer.pack(frame, input, t * packer.planeSize, T * packer.planeSize));
      const { worker } = await InferenceWorker.start(modelFile, 'cpu', { intraOp: 2, interOp: 1 });
      let app: Float32Array;
      try {
        const result = await worker.run({ [manifest.inputs.rgb!.name]: { data: input, dims: [1, 3, T, 112, 112] } }, [manifest.output.name]);
        app = result.outputs[manifest.output.name]!.data;
      } finally {
        await worker.close();
      }

      // PyTorch: torchvision's transform for the weights, on the same frames and on its own decode.
      const planFile = path.join(dir, 'plan.rgb');
      const nativeFile = path.join(dir, 'native.rgb');
      writeFileSync(planFile, concat(planFrames));
      writeFileSync(nativeFile, concat(nativeFrames));
      const args = ['models/export/torch_reference.py', '--arch', arch, '--random-seed', String(SEED), '--indices', indices.join(','), '--plan-frames', planFile, '--plan-size', `${plan.width}x${plan.height}`, '--native-frames', nativeFile, '--native-size', `${video.width}x${video.height}`, '--video', CLIP];
      const { stdout } = await promisify(execFile)(PYTHON, args, { cwd: REPO, maxBuffer: 1 << 24, timeout: 450_000 });
      const reference = JSON.parse(stdout) as Reference;

      expect(app.length).toBe(400);
      const identical = scaledMaxDifference(reference.identical, app);
      const resizeOnly = scaledMaxDifference(reference.appNative, app);
      const decoderAndResize = scaledMaxDifference(reference.cv2, app);
      console.info(
        `[parity ${arch}] identical frames: ${identical.toExponential(2)} (scaled max |Δlogit|); ` +
          `torch resize of the same decode: ${resizeOnly.toExponential(2)} (pixels after resize: mean |Δ| ${reference.resizeDifference.meanAbs}, max ${reference.resizeDifference.maxAbs}); ` +
          `OpenCV decode + torch resize: ${decoderAndResize.toExponential(2)} (decoded pixels: mean |Δ| ${reference.decoderDifference.meanAbs}, max ${reference.decoderDifference.maxAbs}, ${(reference.decoderDifference.identicalShare * 100).toFixed(1)}% identical). ` +
          `Why: ActionLens scales with ffmpeg while decoding (swscale's bilinear filter widens with the scale factor, like an anti-aliased resize); torchvision's tensor resize interpolates bilinearly from 4 pixels, without anti-aliasing before torchvision 0.17; both decoders are FFmpeg's.`,
      );
      expect(identical).toBeLessThanOrEqual(1e-3);
      // Different pixels must show as different logits (a test that cannot tell would prove nothing).
      expect(reference.resizeDifference.meanAbs).toBeGreaterThan(0);
      expect(resizeOnly).toBeGreaterThan(identical);
    }, 700_000);
  }
});

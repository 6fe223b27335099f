/**
 * The pose estimator end to end on real footage: the converted models in the worker thread, the
 * tracker, snapshots, and bad model files. Frames come from the corpus, decoded by ffmpeg.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPoseEstimator, type PoseEstimator } from '../../../src/main/core/pose/estimator.js';
import type { PoseFrame, PoseSettings } from '../../../src/shared/pose.js';
import { runningPoseWorkers } from '../../../src/workers/pose/client.js';
import { decodeFrames, missingClip, NTU_CLIP, POSE_MODELS_DIR } from './pose-fixtures.js';
import { estimateAll, headAboveHips } from './pose-helpers.js';

const LIGHTNING: PoseSettings = { model: 'lightning', maxPeople: 6, minPersonScore: 0.25 };
const skip = missingClip(NTU_CLIP);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pose-estimator-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(skip)(`pose estimator on the NTU clip${skip ? ` (skipped: ${skip})` : ''}`, () => {
  // 960 × 540: the person is ~225 px tall, as in many real recordings.
  const clip = decodeFrames(NTU_CLIP, { count: 103, size: { width: 960, height: 540 } });

  it('finds the one person on every frame, with one stable id and the head above the hips (Lightning)', { timeout: 180_000 }, async () => {
    const { width, height, frames } = await clip;
    expect(frames).toHaveLength(103);
    const poses = await estimateAll(LIGHTNING, frames, width, height);
    for (const pose of poses) {
      const live = pose.people.filter((p) => !p.lost);
      expect(live, `frame ${pose.frame}`).toHaveLength(1);
      const person = live[0]!;
      expect(person.trackId).toBe(1);
      expect(person.score).toBeGreaterThan(0.4);
      expect(headAboveHips(person), `frame ${pose.frame}`).toBe(true);
      // The person stands right of centre (x ≈ 490–560 at this size): the box holds them.
      expect(person.box.x).toBeGreaterThan(400);
      expect(person.box.x + person.box.width).toBeLessThan(650);
      expect(person.box.height).toBeGreaterThan(150);
    }
    expect(runningPoseWorkers()).toBe(0);
  });

  it('Thunder agrees with Lightning on where the person is', { timeout: 180_000 }, async () => {
    const { width, height, frames } = await clip;
    const few = frames.filter((_, i) => i % 10 === 0);
    const [lightning, thunder] = [await estimateAll(LIGHTNING, few, width, height), await estimateAll({ ...LIGHTNING, model: 'thunder' }, few, width, height)];
    for (let i = 0; i < few.length; i++) {
      const a = lightning[i]!.people[0]!;
      const b = thunder[i]!.people[0]!;
      expect(headAboveHips(b)).toBe(true);
      // Shoulders and hips (5, 6, 11, 12) within 15 px of each other's.
      for (const k of [5, 6, 11, 12]) expect(Math.hypot(a.keypoints[3 * k]! - b.keypoints[3 * k]!, a.keypoints[3 * k + 1]! - b.keypoints[3 * k + 1]!)).toBeLessThan(15);
    }
  });

  it('resumes bit-identically from a snapshot taken mid-run', { timeout: 180_000 }, async () => {
    const { width, height, frames } = await clip;
    const part = frames.slice(0, 24);
    const straight = await estimateAll(LIGHTNING, part, width, height);
    const first = await createPoseEstimator({ settings: LIGHTNING });
    const resumed: PoseFrame[] = [];
    for (let i = 0; i < 13; i++) resumed.push(await first.estimate({ frame: i, time: i / 30, width, height, rgb: part[i]! }));
    const state = first.snapshot();
    await first.close();
    const second = await createPoseEstimator({ settings: LIGHTNING });
    second.restore(state);
    // Frame 13 is not a detection frame for an uninterrupted run (DETECT_EVERY = 5): the restored tracker must know that.
    for (let i = 13; i < part.length; i++) resumed.push(await second.estimate({ frame: i, time: i / 30, width, height, rgb: part[i]! }));
    expect(resumed).toEqual(straight);
    // The snapshot matters: a fresh tracker on the same frames (it detects at once, crops from the box) differs.
    second.reset();
    const fresh: PoseFrame[] = [];
    for (let i = 13; i < part.length; i++) fresh.push(await second.estimate({ frame: i, time: i / 30, width, height, rgb: part[i]! }));
    await second.close();
    expect(fresh).not.toEqual(straight.slice(13));
  });

  it('gives the same poses when the frame buffers are transferred instead of copied', { timeout: 60_000 }, async () => {
    const { width, height, frames } = await clip;
    const copied = await estimateAll(LIGHTNING, frames.slice(0, 3), width, height);
    const estimator = await createPoseEstimator({ settings: LIGHTNING });
    try {
      for (let i = 0; i < 3; i++) {
        const rgb = frames[i]!.slice(); // a buffer of its own, given away
        expect(await estimator.estimate({ frame: i, time: i / 30, width, height, rgb }, { transfer: true })).toEqual(copied[i]);
        expect(rgb.byteLength).toBe(0); // detached: it went to the worker
      }
    } finally {
      await estimator.close();
    }
  });

  it('rejects a snapshot that is not one', async () => {
    const estimator = await createPoseEstimator({ settings: LIGHTNING });
    try {
      expect(() => estimator.restore(new TextEncoder().encode('{"version":7}'))).toThrow(/snapshot is not valid/);
      expect(() => estimator.restore(new Uint8Array([1, 2, 3]))).toThrow(/not JSON/);
    } finally {
      await estimator.close();
    }
  });
});

describe('pose model files', () => {
  async function failure(dir: string): Promise<Error> {
    let estimator: PoseEstimator | null = null;
    try {
      estimator = await createPoseEstimator({ settings: LIGHTNING, modelsDir: dir });
    } catch (error) {
      return error as Error;
    } finally {
      await estimator?.close();
    }
    throw new Error('createPoseEstimator succeeded');
  }

  it('a missing file is a clear error naming it, and no worker is left running', async () => {
    const dir = path.join(tmp, 'missing');
    rmSync(dir, { recursive: true, force: true });
    const error = await failure(dir);
    expect(error.message).toContain(path.join(dir, 'movenet-multipose.onnx'));
    expect(error.message).toMatch(/is missing/);
    expect(runningPoseWorkers()).toBe(0);
  });

  it('a corrupted file is a clear error naming it', async () => {
    const dir = mkdtempSync(path.join(tmp, 'corrupt-'));
    copyFileSync(path.join(POSE_MODELS_DIR, 'movenet-multipose.onnx'), path.join(dir, 'movenet-multipose.onnx'));
    const good = readFileSync(path.join(POSE_MODELS_DIR, 'movenet-lightning.onnx'));
    writeFileSync(path.join(dir, 'movenet-lightning.onnx'), good.subarray(0, good.length >> 1)); // truncated download
    const error = await failure(dir);
    expect(error.message).toContain(path.join(dir, 'movenet-lightning.onnx'));
    expect(error.message.split('\n')).toHaveLength(1);
    expect(runningPoseWorkers()).toBe(0);
  });

  it('a wrong frame size is a clear error, and the estimator keeps working', async () => {
    const estimator = await createPoseEstimator({ settings: LIGHTNING });
    try {
      await expect(estimator.estimate({ frame: 0, time: 0, width: 64, height: 64, rgb: new Uint8Array(100) })).rejects.toThrow(/Frame 0: 100 bytes is not 64 × 64 RGB24/);
      const pose = await estimator.estimate({ frame: 1, time: 0.04, width: 64, height: 64, rgb: new Uint8Array(64 * 64 * 3) });
      expect(pose.people).toEqual([]);
    } finally {
      await estimator.close();
    }
  });
});

/**
 * Skeleton models in the engine, end to end on a real clip of two real people (../shared/corpus,
 * Kinetics "arm wrestling"): the real MoveNet pose run, then each skeleton family through the job
 * queue. Every tracked person's stored probabilities equal models/skeleton/run-model.ts (the
 * reference PyTorch's parity records agree with) on that person's keypoints rebuilt here from the
 * stored pose run; the run's frame rows are the per-class maximum over the people on the frame.
 * The engine streams the pose run in blocks ([Note: streamed people]); the first test makes them 37
 * frames, so every batch, chunk and window boundary falls across blocks and the rows must still
 * equal whole tracks at once.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackPoses } from '../../../src/shared/pose-run.js';
import type { PoseFrame } from '../../../src/shared/pose.js';
import { SkeletonModel } from '../../../models/skeleton/run-model.js';
import { hashPoseModels } from '../../../src/main/core/pose/pose-identity.js';
import { parseRequest } from '../../../src/main/core/analysis/service.js';
import { addVideo, analyse, useTestCore } from './core.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const CLIP = path.join(REPO, '../shared/corpus/kinetics-armwrestling-340x256-28fps.mp4');
const FAMILIES = ['pose-framewise', 'pose-gru', 'pose-lstm', 'pose-two-stream'];
const TOLERANCE = 1e-4;
const missing = !existsSync(CLIP) ? `${CLIP} is absent (the shared real-footage corpus)` : FAMILIES.find((f) => !existsSync(path.join(REPO, 'models', f, 'model.onnx')));

/** Each track's frames from its first to its last, x/y/score per keypoint; lost or skipped frames keep the last positions with scores 0. */
function referenceSequences(frames: PoseFrame[]): Map<number, { first: number; rows: Float32Array[] }> {
  const tracks = new Map<number, { first: number; rows: Float32Array[] }>();
  for (const frame of frames) {
    for (const person of frame.people) {
      const track = tracks.get(person.trackId) ?? { first: frame.frame, rows: [] };
      tracks.set(person.trackId, track);
      while (track.first + track.rows.length < frame.frame) track.rows.push(track.rows.at(-1)!.map((v, i) => (i % 3 === 2 ? 0 : v)));
      track.rows.push(person.keypoints.map((v, i) => (i % 3 === 2 && person.lost ? 0 : v)));
    }
  }
  return tracks;
}

describe.skipIf(missing)(`skeleton models in the engine${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const testCore = useTestCore();

  it('per-person probabilities equal run-model.ts on each tracked person, streamed in 37-frame blocks; frame rows are the union (max) over people', async () => {
    const core = testCore.open({ modelDirs: [path.join(REPO, 'models')], analysis: { threads: { intraOp: 1 }, keypointBlockFrames: 37 } });
    const video = await addVideo(core, CLIP);
    for (const family of FAMILIES) {
      const done = await analyse(core, video.id, family);
      expect(done.error, family).toBeNull();
      expect(done.state).toBe('completed');
      const run = core.store.runs.get(done.runId!)!;
      const poseRun = core.store.runs.listForVideo(video.id).find((r) => r.modelId.startsWith('pose:') && r.status === 'completed')!;
      expect(run.framesDone).toBe(poseRun.framesDone);
      const frames = unpackPoses(core.store.poses.readPacked(poseRun.id, 0, poseRun.framesDone));
      const reference = referenceSequences(frames);
      expect(reference.size, 'two people arm wrestling').toBeGreaterThanOrEqual(2);
      const model = await SkeletonModel.load(path.join(REPO, 'models', family));
      const stored = core.store.personPredictions.readRange(run.id, 0, run.framesDone);
      const classes = run.labels!.length;
      const byTrack = new Map<number, Float32Array[]>();
      for (const chunk of stored) {
        const rows = byTrack.get(chunk.trackId) ?? [];
        for (let t = 0; t < chunk.probs.length / classes; t++) rows.push(chunk.probs.slice(t * classes, (t + 1) * classes));
        byTrack.set(chunk.trackId, rows);
      }
      expect([...byTrack.keys()].sort()).toEqual([...reference.keys()].sort());
      let worst = 0;
      for (const [trackId, { first, rows }] of reference) {
        expect(stored.find((c) => c.trackId === trackId)!.startFrame).toBe(first);
        const expected = await model.frameProbs(rows, core.store.videos.get(video.id)!.probe.video.fps);
        const actual = byTrack.get(trackId)!;
        expect(actual).toHaveLength(expected.length);
        expected.forEach((row, t) => row.forEach((v, c) => (worst = Math.max(worst, Math.abs(v - actual[t]![c]!)))));
      }
      expect(worst, `${family}: largest difference from run-model.ts`).toBeLessThanOrEqual(TOLERANCE);

      const union = core.store.predictions.readRange(run.id, 0, run.framesDone);
      for (let f = 0; f < run.framesDone; f++) {
        for (let c = 0; c < classes; c++) {
          let max = 0;
          for (const [trackId, { first }] of reference) {
            const row = byTrack.get(trackId)![f - first];
            if (row) max = Math.max(max, row[c]!);
          }
          expect(Math.abs(union.probs[f * classes + c]! - max)).toBeLessThanOrEqual(1e-3); // stored rows may be quantised
        }
      }
    }
  }, 600_000);

  it('an interrupted skeleton run resumes after its last committed chunk and ends with the rows of an uninterrupted run', async () => {
    const core = testCore.open({ modelDirs: [path.join(REPO, 'models')], analysis: { threads: { intraOp: 1 }, commitFrames: 64 } });
    const video = await addVideo(core, CLIP);
    const first = await analyse(core, video.id, 'pose-gru');
    expect(first.state).toBe('completed');
    const runId = first.runId!;
    const { framesDone } = core.store.runs.get(runId)!;
    const rows = core.store.predictions.readRange(runId, 0, framesDone).probs.slice();
    const people = core.store.personPredictions.readRange(runId, 0, framesDone);
    const lostTrack = people.at(-1)!.trackId;
    // As a process killed part-way leaves it: frames from 128 on not committed, the last person not stored, the run not completed.
    core.store.db.prepare('DELETE FROM prediction_chunks WHERE run_id = ? AND start_frame >= 128').run(runId);
    core.store.db.prepare('DELETE FROM person_prediction_chunks WHERE run_id = ? AND track_id = ?').run(runId, lostTrack);
    core.store.db.prepare("UPDATE runs SET status = 'cancelled', frames_done = 128 WHERE id = ?").run(runId);

    const resumed = await analyse(core, video.id, 'pose-gru');
    expect(resumed).toMatchObject({ state: 'completed', origin: 'resumed', resumedFromFrame: 128, runId });
    expect(core.store.runs.get(runId)!.framesDone).toBe(framesDone);
    expect(core.store.predictions.readRange(runId, 0, framesDone).probs).toEqual(rows);
    expect(core.store.personPredictions.readRange(runId, 0, framesDone)).toEqual(people);
  }, 600_000);

  it('a video gone before its pose run: the skeleton run is stored as failed, saying why (its track shows it)', async () => {
    const core = testCore.open({ modelDirs: [path.join(REPO, 'models')], analysis: { threads: { intraOp: 1 } } });
    const dir = mkdtempSync(path.join(tmpdir(), 'skeleton-gone-'));
    const doomed = path.join(dir, 'doomed.mp4');
    copyFileSync(CLIP, doomed);
    const video = await addVideo(core, doomed);
    unlinkSync(doomed);
    const done = await analyse(core, video.id, 'pose-gru');
    expect(done.state).toBe('failed');
    expect(done.runId).not.toBeNull();
    const run = core.store.runs.get(done.runId!)!;
    expect(run).toMatchObject({ modelId: 'pose-gru', status: 'failed' });
    expect(run.error?.message).toContain('doomed.mp4');
  });

  it('a skeleton run holds its pose stage: the same work is reused, a changed pose model folder is new work', async () => {
    const databaseFile = path.join(mkdtempSync(path.join(tmpdir(), 'skeleton-identity-')), 'engine.db');
    const before = testCore.open({ databaseFile, modelDirs: [path.join(REPO, 'models')] });
    const video = await addVideo(before, CLIP);
    const first = await analyse(before, video.id, 'pose-gru');
    expect(first.state).toBe('completed');
    const run = before.store.runs.get(first.runId!)!;
    expect(run.params).toMatchObject({ pose: { settings: { model: 'lightning' }, modelsSha256: await hashPoseModels(path.join(REPO, 'models/pose')) } });
    expect(await before.analysis.isDone(video.id, 'pose-gru')).toBe(true);
    expect((await analyse(before, video.id, 'pose-gru')).origin).toBe('reused');
    await before.close();

    // The same pose models and one more file: another pose stage, so another identity.
    const poseDir = mkdtempSync(path.join(tmpdir(), 'pose-models-'));
    for (const name of readdirSync(path.join(REPO, 'models/pose')).filter((n) => n.endsWith('.onnx'))) symlinkSync(path.join(REPO, 'models/pose', name), path.join(poseDir, name));
    writeFileSync(path.join(poseDir, 'zz-another-refiner.onnx'), 'not the same folder');
    const after = testCore.open({ databaseFile, modelDirs: [path.join(REPO, 'models')], analysis: { threads: { intraOp: 1 }, pose: { modelsDir: poseDir } } });
    expect(await after.analysis.isDone(video.id, 'pose-gru')).toBe(false);
    const model = await after.models.get('pose-gru');
    const changed = await after.analysis.runIdentity(model, parseRequest({ modelId: 'pose-gru' }), run.params.videoFingerprint);
    expect(changed.paramsHash).not.toBe(run.paramsHash);
    expect(changed.params.pose?.modelsSha256).toBe(await hashPoseModels(poseDir));
  }, 600_000);
});

/**
 * The contract's pose calls through the dispatcher, as IPC and HTTP run them, on a real clip,
 * ffmpeg and SQLite file (the estimator is the deterministic stand-in of pose-job.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import { ensurePoseRun, readPoseFrames } from '../../../src/main/core/pose/pose-source.js';
import type { CallResult } from '../../../src/shared/contract.js';
import type { SerializedError } from '../../../src/shared/errors.js';
import { decodePoses, unpackPoses } from '../../../src/shared/pose-run.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, useTestCore } from '../analysis/core.js';
import { runningMeanEstimator } from './running-mean-estimator.js';

let clip: string;
let modelsDir: string;
beforeAll(async () => {
  const dir = tmpDir('pose-contract');
  clip = await makeClip({ dir, name: 'people.mp4', seconds: 2, fps: '25', width: 96, height: 64 }); // 50 frames
  modelsDir = path.join(dir, 'pose-models');
  mkdirSync(modelsDir, { recursive: true });
  writeFileSync(path.join(modelsDir, 'stand-in.onnx'), 'weights');
});

const testCore = useTestCore();

describe('pose calls', () => {
  it('start a pose run, list it apart from action runs, and serve its frames, tracks and kinematics', async () => {
    const core = testCore.open({ analysis: { pose: { createEstimator: runningMeanEstimator, modelsDir } } });
    const video = await addVideo(core, clip);
    const call = async <R>(name: string, args: unknown) => {
      const outcome = await dispatchCall(core.handlers, name, args);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as R;
    };
    const jobs = await call<CallResult<'pose.start'>>('pose.start', { videoIds: [video.id], maxPeople: 3 });
    const [done] = await core.analysis.wait(jobs.map((j) => j.id));
    expect(done).toMatchObject({ state: 'completed', modelId: 'pose:lightning', framesDone: 50 });

    const runs = await call<CallResult<'pose.runs'>>('pose.runs', { videoId: video.id });
    expect(runs.map((r) => r.id)).toEqual([done!.runId]);
    expect(runs[0]!.params).toMatchObject({ kind: 'pose', settings: { model: 'lightning', maxPeople: 3, minPersonScore: 0.25 } });

    const payload = await call<CallResult<'pose.frames'>>('pose.frames', { runId: done!.runId, startFrame: 10, endFrame: 20 });
    const frames = unpackPoses(decodePoses(payload));
    expect(frames.map((f) => f.frame)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(frames).toEqual(unpackPoses(core.store.poses.readPacked(done!.runId!, 10, 20)));

    const tracks = await call<CallResult<'pose.tracks'>>('pose.tracks', { runId: done!.runId });
    expect(tracks[0]).toMatchObject({ trackId: 1, spans: [[0, 50]], frames: 50 });

    const kinematics = await call<CallResult<'pose.kinematics'>>('pose.kinematics', { runId: done!.runId, trackId: 1, smoothFrames: 3 });
    expect(kinematics.frames).toHaveLength(50);
    // The stand-in's keypoints all sit on one point: every angle is a gap (null), never NaN in JSON.
    expect(kinematics.angles.left_knee!.every((v) => v === null)).toBe(true);
    expect(JSON.stringify(kinematics)).not.toContain('NaN');
  });

  it('refuses a frame range over the limit, an unknown run and bad settings, naming the field', async () => {
    const core = testCore.open({ analysis: { pose: { createEstimator: runningMeanEstimator, modelsDir } } });
    const video = await addVideo(core, clip);
    const refused = async (name: string, args: unknown) => {
      const outcome = await dispatchCall(core.handlers, name, args);
      expect(outcome.ok).toBe(false);
      return (outcome as { error: SerializedError }).error;
    };
    expect((await refused('pose.start', { videoIds: [video.id], maxPeople: 0 })).message).toMatch(/pose.start: invalid argument "maxPeople"/);
    expect((await refused('pose.start', { videoIds: [video.id], model: 'huge' })).message).toMatch(/invalid argument "model"/);
    expect((await refused('pose.frames', { runId: 999, startFrame: 0, endFrame: 10 })).message).toMatch(/No run with id 999/);
    expect((await refused('pose.kinematics', { runId: 1, trackId: 1, smoothFrames: 4 })).message).toMatch(/"smoothFrames": must be odd/);
    const jobs = core.analysis.startPose({ videoIds: [video.id], settings: { model: 'lightning', maxPeople: 2, minPersonScore: 0.25 } });
    const [done] = await core.analysis.wait(jobs.map((j) => j.id));
    expect((await refused('pose.frames', { runId: done!.runId, startFrame: 0, endFrame: 6000 })).message).toMatch(/at most 5000 frames per call/);
  });
});

describe('the pose hook for action models', () => {
  it('ensurePoseRun computes the pose run once and then finds it', async () => {
    const core = testCore.open({ analysis: { pose: { createEstimator: runningMeanEstimator, modelsDir } } });
    const video = await addVideo(core, clip);
    const settings = { model: 'thunder' as const, maxPeople: 2, minPersonScore: 0.3 };
    const first = await ensurePoseRun(core.analysis, core.store, video.id, settings);
    expect(first).toMatchObject({ status: 'completed', modelId: 'pose:thunder', framesDone: 50 });
    const again = await ensurePoseRun(core.analysis, core.store, video.id, settings);
    expect(again.id).toBe(first.id);
    expect(core.analysis.jobs().at(-1)).toMatchObject({ origin: 'reused', runId: first.id });
    expect(readPoseFrames(core.store, first.id, 48, 60).map((f) => f.frame)).toEqual([48, 49]);
  });
});

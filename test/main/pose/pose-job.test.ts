/**
 * Pose jobs through the real job queue, ffmpeg and SQLite, with a small deterministic estimator
 * standing in for the ONNX one (the real estimator is exercised in pose-cli.test.ts): what matters
 * here is the store's side — chunks, progress, reuse, cancel, and a resume that restores the
 * estimator's state so the result equals an uninterrupted run's.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoseSettings } from '../../../src/shared/pose.js';
import { unpackPoses } from '../../../src/shared/pose-run.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, integrityCheck, useTestCore } from '../analysis/core.js';
import { runningMeanEstimator } from './running-mean-estimator.js';

const SETTINGS: PoseSettings = { model: 'lightning', maxPeople: 2, minPersonScore: 0.25 };

let clip: string;
let modelsDir: string;
beforeAll(async () => {
  const dir = tmpDir('pose-job');
  clip = await makeClip({ dir, name: 'moving.mp4', seconds: 4, fps: '25', width: 96, height: 64 }); // 100 frames
  modelsDir = path.join(dir, 'pose-models');
  mkdirSync(modelsDir, { recursive: true });
  writeFileSync(path.join(modelsDir, 'stand-in.onnx'), 'weights');
});

const testCore = useTestCore();
const openCore = () => testCore.open({ analysis: { progressIntervalMs: 0, pose: { createEstimator: runningMeanEstimator, modelsDir, commitFrames: 16 } } });

describe('pose jobs', () => {
  it('store every frame in display pixels, with times and people, as a completed pose run; the same request reuses it', async () => {
    const core = openCore();
    const video = await addVideo(core, clip);
    const [job] = core.analysis.startPose({ videoIds: [video.id], settings: SETTINGS, provider: 'cpu' });
    const [done] = await core.analysis.wait([job!.id]);
    expect(done!.error).toBeNull();
    expect(done).toMatchObject({ state: 'completed', origin: 'fresh', framesDone: 100, modelId: 'pose:lightning' });
    const run = core.store.runs.get(done!.runId!)!;
    expect(run).toMatchObject({ status: 'completed', framesDone: 100, modelId: 'pose:lightning', labels: null });
    expect(run.params).toMatchObject({ kind: 'pose', settings: SETTINGS });
    const frames = unpackPoses(core.store.poses.readPacked(run.id, 0, 100));
    expect(frames.map((f) => f.frame)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(frames[50]!.time).toBeCloseTo(2, 6);
    expect(frames[0]!.people[0]!.box).toEqual({ x: 0, y: 0, width: 96, height: 64 });
    expect(core.store.poses.presence(run.id).map((t) => t.trackId)).toContain(1);

    const [again] = core.analysis.startPose({ videoIds: [video.id], settings: SETTINGS });
    expect((await core.analysis.wait([again!.id]))[0]).toMatchObject({ state: 'completed', origin: 'reused', runId: run.id });
    const [other] = core.analysis.startPose({ videoIds: [video.id], settings: { ...SETTINGS, maxPeople: 1 } });
    expect((await core.analysis.wait([other!.id]))[0]!.runId).not.toBe(run.id);

    // A copy of the file (same content, another path): its pose run is copied, not computed.
    const copyFile = path.join(path.dirname(clip), 'moving copy.mp4');
    copyFileSync(clip, copyFile);
    const copy = await addVideo(core, copyFile);
    const [copied] = core.analysis.startPose({ videoIds: [copy.id], settings: SETTINGS });
    const [copiedDone] = await core.analysis.wait([copied!.id]);
    expect(copiedDone).toMatchObject({ state: 'completed', origin: 'reused', framesDone: 100 });
    expect(copiedDone!.runId).not.toBe(run.id);
    expect(core.store.runs.get(copiedDone!.runId!)).toMatchObject({ videoId: copy.id, status: 'completed', timings: { copiedFromRun: run.id } });
    expect(unpackPoses(core.store.poses.readPacked(copiedDone!.runId!, 0, 100))).toEqual(frames);
    // The original still reuses its own run, not the newer copy's.
    const [original] = core.analysis.startPose({ videoIds: [video.id], settings: SETTINGS });
    expect((await core.analysis.wait([original!.id]))[0]).toMatchObject({ origin: 'reused', runId: run.id });
  });

  it('a cancelled pose run resumes from its last chunk with the estimator state stored there, ending as an uninterrupted run', async () => {
    const core = openCore();
    const video = await addVideo(core, clip);
    const [whole] = core.analysis.startPose({ videoIds: [video.id], settings: SETTINGS });
    const reference = (await core.analysis.wait([whole!.id]))[0]!.runId!;
    const expected = unpackPoses(core.store.poses.readPacked(reference, 0, 100));
    core.store.runs.remove(reference);

    const [first] = core.analysis.startPose({ videoIds: [video.id], settings: SETTINGS });
    const stop = core.on('analysis.progress', (p) => {
      if (p.jobId === first!.id && p.framesDone >= 40) core.analysis.cancel(first!.id);
    });
    const [cancelled] = await core.analysis.wait([first!.id]);
    stop();
    expect(cancelled!.state).toBe('cancelled');
    const stored = core.store.poses.lastCommittedFrame(cancelled!.runId!) + 1;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(100);

    const [second] = core.analysis.startPose({ videoIds: [video.id], settings: SETTINGS });
    const [resumed] = await core.analysis.wait([second!.id]);
    expect(resumed).toMatchObject({ state: 'completed', origin: 'resumed', runId: cancelled!.runId, resumedFromFrame: stored, framesDone: 100 });
    const result = unpackPoses(core.store.poses.readPacked(resumed!.runId!, 0, 100));
    // The people exactly; times within float noise (after a seek the decoder derives them anew).
    expect(result.map((f) => f.people)).toEqual(expected.map((f) => f.people));
    result.forEach((f, i) => expect(f.time).toBeCloseTo(expected[i]!.time, 9));
    expect(integrityCheck(core)).toBe('ok');
  });

  it('a portrait phone video (rotation metadata) and a 4K video: the estimator sees displayed frames, at most 1280 px, and people come back in displayed pixels', async () => {
    const seen: string[] = [];
    const recording: typeof runningMeanEstimator = async (options) => {
      const inner = await runningMeanEstimator(options);
      return { ...inner, estimate: (frame) => (seen.push(`${frame.width}x${frame.height}`), inner.estimate(frame)) };
    };
    const core = testCore.open({ analysis: { pose: { createEstimator: recording, modelsDir } } });
    const dir = tmpDir('pose-job-sizes');
    const portrait = await makeClip({ dir, name: 'phone.mp4', seconds: 1, fps: '10', width: 160, height: 96, rotate: 90 });
    const uhd = await makeClip({ dir, name: 'uhd.mp4', seconds: 1, fps: '5', width: 3840, height: 2160 });
    for (const [file, decoded, shown] of [[portrait, '96x160', { width: 96, height: 160 }], [uhd, '1280x720', { width: 3840, height: 2160 }]] as const) {
      seen.length = 0;
      const video = await addVideo(core, file);
      const [job] = core.analysis.startPose({ videoIds: [video.id], settings: SETTINGS });
      const [done] = await core.analysis.wait([job!.id]);
      expect(done!.state).toBe('completed');
      expect(new Set(seen)).toEqual(new Set([decoded]));
      const people = unpackPoses(core.store.poses.readPacked(done!.runId!, 0, 1))[0]!.people;
      expect(people[0]!.box).toEqual({ x: 0, y: 0, ...shown });
      expect(people[0]!.keypoints[1]).toBeCloseTo(shown.height / 2, 3);
    }
  }, 120_000);

  it('refuses bad settings naming the field, and a folder without pose models naming it', async () => {
    const core = openCore();
    const video = await addVideo(core, clip);
    expect(() => core.analysis.startPose({ videoIds: [video.id], settings: { ...SETTINGS, maxPeople: 0 } })).toThrow(/maxPeople: expected an integer from 1 to 64, found 0/);
    const empty = testCore.open({ analysis: { pose: { createEstimator: runningMeanEstimator, modelsDir: path.join(modelsDir, 'missing') } } });
    const other = await addVideo(empty, clip);
    const [job] = empty.analysis.startPose({ videoIds: [other.id], settings: SETTINGS });
    const [failed] = await empty.analysis.wait([job!.id]);
    expect(failed!.state).toBe('failed');
    expect(failed!.error!.message).toMatch(/No pose model: .*missing holds no \.onnx file/);
  });
});

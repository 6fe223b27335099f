import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { KEYPOINT_COUNT, type PersonPose, type PoseFrame } from '../../../src/shared/pose.js';
import { packPoses, unpackPoses } from '../../../src/shared/pose-run.js';
import { sampleModel, sampleVideo, useTempDir } from './helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

/** A person whose every value depends on frame and track, with scores that are exact in 1/255 steps. */
function person(frame: number, trackId: number): PersonPose {
  const keypoints = new Float32Array(KEYPOINT_COUNT * 3);
  for (let k = 0; k < KEYPOINT_COUNT; k++) keypoints.set([frame * 3.25 + k, trackId * 100 - k * 0.5, ((frame + k + trackId) % 256) / 255], k * 3);
  return { trackId, box: { x: frame, y: trackId, width: 40.5, height: 80.25 }, score: Math.fround(0.5 + trackId / 100), keypoints };
}

/** Frames [start, start + count): track 1 everywhere, track 4 on even frames only, nobody on frames divisible by 7. */
function poseFrames(start: number, count: number): PoseFrame[] {
  return Array.from({ length: count }, (_, k) => {
    const frame = start + k;
    const people = frame % 7 === 0 ? [] : [person(frame, 1), ...(frame % 2 === 0 ? [person(frame, 4)] : [])];
    return { frame, time: frame / 30 + 0.001, people };
  });
}

describe('PosesRepository', () => {
  const temp = useTempDir();
  let store: Store;
  let runId: number;
  beforeEach(() => {
    store = temp.track(openStore(path.join(temp.dir(), 'library.db')));
    const video = store.videos.upsert(sampleVideo());
    store.models.upsert(sampleModel());
    runId = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'h', provider: 'cpu' }).id;
  });

  it('round-trips frames, people, empty frames and times across chunks, in any sub-range', () => {
    const all = poseFrames(0, 50);
    store.poses.appendChunk(runId, 0, all.slice(0, 20), new Uint8Array([1, 2, 3]));
    store.poses.appendChunk(runId, 20, all.slice(20), new Uint8Array([4, 5]));
    expect(unpackPoses(store.poses.readPacked(runId, 0, 50))).toEqual(all);
    expect(unpackPoses(store.poses.readPacked(runId, 13, 27))).toEqual(all.slice(13, 27));
    // Past the stored frames the range shrinks to what is stored.
    const tail = store.poses.readPacked(runId, 45, 80);
    expect(tail).toMatchObject({ startFrame: 45, frameCount: 5 });
    expect(store.poses.readPacked(runId, 60, 80).frameCount).toBe(0);
  });

  it('quantises keypoint scores to 1/255 and keeps positions as float32', () => {
    const frame = poseFrames(1, 1)[0]!;
    frame.people[0]!.keypoints[2] = 0.123456;
    frame.people[0]!.keypoints[0] = 1234.567;
    store.poses.appendChunk(runId, 1, [frame], null);
    const back = unpackPoses(store.poses.readPacked(runId, 1, 2))[0]!.people[0]!;
    expect(Math.abs(back.keypoints[2]! - 0.123456)).toBeLessThanOrEqual(0.5 / 255);
    expect(back.keypoints[0]).toBe(Math.fround(1234.567));
  });

  it('keeps the last chunk\'s state and frame for resuming, and refuses a gap or an overlap', () => {
    expect(store.poses.lastCommittedFrame(runId)).toBe(-1);
    expect(store.poses.lastState(runId)).toBeNull();
    store.poses.appendChunk(runId, 0, poseFrames(0, 10), new Uint8Array([9, 8, 7]));
    expect(store.poses.lastCommittedFrame(runId)).toBe(9);
    expect(Array.from(store.poses.lastState(runId)!)).toEqual([9, 8, 7]);
    expect(() => store.poses.appendChunk(runId, 11, poseFrames(11, 2), null)).toThrow(/expected poses starting at frame 10, got 11/);
    expect(() => store.poses.appendChunk(runId, 5, poseFrames(5, 2), null)).toThrow(/expected poses starting at frame 10/);
    expect(store.poses.lastCommittedFrame(runId)).toBe(9);
  });

  it('refuses malformed chunks naming the problem', () => {
    expect(() => store.poses.appendChunk(runId, 0, [], null)).toThrow(/at least one frame/);
    expect(() => store.poses.appendChunk(runId, 0, poseFrames(1, 1), null)).toThrow(/is frame 1, expected 0/);
    const twice = poseFrames(2, 1);
    twice[0]!.people.push(person(2, 1));
    expect(() => store.poses.appendChunk(runId, 2, twice, null)).toThrow(/holds track 1 twice/);
    const short = poseFrames(3, 1);
    short[0]!.people[0]!.keypoints = new Float32Array(10);
    expect(() => store.poses.appendChunk(runId, 3, short, null)).toThrow(/10 keypoint values, expected 51/);
  });

  it('tells when each track holds a person, across chunk boundaries', () => {
    store.poses.appendChunk(runId, 0, poseFrames(0, 10), null);
    store.poses.appendChunk(runId, 10, poseFrames(10, 10), null);
    const presence = store.poses.presence(runId);
    expect(presence.map((t) => t.trackId)).toEqual([1, 4]);
    // Track 1: every frame but 0, 7 and 14.
    expect(presence[0]).toEqual({ trackId: 1, spans: [[1, 7], [8, 14], [15, 20]], frames: 17 });
    expect(presence[1]!.spans).toEqual([[2, 3], [4, 5], [6, 7], [8, 9], [10, 11], [12, 13], [16, 17], [18, 19]]);
  });

  it('gives each track its first and last frame from the presence bytes, lost frames included, across chunks', () => {
    const frames = poseFrames(0, 20);
    frames[19]!.people[0] = { ...person(19, 1), lost: true };
    store.poses.appendChunk(runId, 0, frames.slice(0, 10), null);
    store.poses.appendChunk(runId, 10, frames.slice(10), null);
    const expected = new Map<number, { first: number; last: number }>();
    for (const frame of unpackPoses(store.poses.readPacked(runId, 0, 20))) {
      for (const { trackId } of frame.people) expected.set(trackId, { first: expected.get(trackId)?.first ?? frame.frame, last: frame.frame });
    }
    expect(store.poses.trackExtents(runId)).toEqual(expected);
    expect(store.poses.trackExtents(runId)).toEqual(new Map([[1, { first: 1, last: 19 }], [4, { first: 2, last: 18 }]]));
  });

  it('keeps a lost person (the tracker\'s last position) apart: stored and read back as lost, not counted as present', () => {
    const frames = poseFrames(1, 3);
    frames[1]!.people[0] = { ...person(2, 1), lost: true };
    store.poses.appendChunk(runId, 1, frames, null);
    expect(unpackPoses(store.poses.readPacked(runId, 1, 4))).toEqual(frames);
    expect(store.poses.presence(runId)[0]).toEqual({ trackId: 1, spans: [[1, 2], [3, 4]], frames: 2 });
  });

  it('packs and unpacks in frame then track order', () => {
    const frames = poseFrames(3, 4);
    frames[1]!.people.reverse();
    const packed = packPoses(3, frames);
    expect(Array.from(packed.trackIds)).toEqual([1, 1, 4, 1, 1, 4]);
    expect(unpackPoses(packed)[1]!.people.map((p) => p.trackId)).toEqual([1, 4]);
  });

  it('goes with its run, and deleteForRun empties it', () => {
    store.poses.appendChunk(runId, 0, poseFrames(0, 10), null);
    expect(store.poses.deleteForRun(runId)).toBe(1);
    expect(store.poses.lastCommittedFrame(runId)).toBe(-1);
    store.poses.appendChunk(runId, 0, poseFrames(0, 10), null);
    store.runs.remove(runId);
    expect(store.db.prepare('SELECT count(*) AS n FROM pose_track_chunks').get()).toEqual({ n: 0 });
  });
});

/** The pose tracker's rules on synthetic detections and refinements (no models: pure logic). */
import { describe, expect, it } from 'vitest';
import { KEYPOINT_COUNT, type PersonBox, type PoseSettings } from '../../../src/shared/pose.js';
import type { Detection } from '../../../src/workers/pose/models.js';
import { DETECT_EVERY, LOST_KEEP_SECONDS, PoseTracker } from '../../../src/workers/pose/tracker.js';

const SETTINGS: PoseSettings = { model: 'lightning', maxPeople: 3, minPersonScore: 0.25 };
const FRAME = { width: 1000, height: 600 };

/** A standing person's keypoints spread over `box` (head at the top, ankles at the bottom). */
function pose(box: PersonBox, score = 0.8): number[] {
  const out: number[] = [];
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    const row = Math.floor((k + 1) / 2) / 8; // 0 … 1 down the body
    out.push(box.x + box.width * (k % 2 === 0 ? 0.35 : 0.65), box.y + box.height * row, score);
  }
  return out;
}

function detection(box: PersonBox, score = 0.6): Detection {
  return { box, score, keypoints: pose(box) };
}

/** One frame: detect (if due) with `dets`, refine every live track with `refine(trackBox)`. */
function step(tracker: PoseTracker, time: number, dets: Detection[], refine: (crop: { cx: number; cy: number; side: number }) => number[] | null) {
  if (tracker.needsDetection()) tracker.associate(dets, 30);
  for (const track of tracker.liveTracks()) {
    const side = track.crop.side / 1.25;
    const box = { x: track.crop.cx - side / 2, y: track.crop.cy - side / 2, width: side, height: side };
    tracker.applyRefinement(track, refine(track.crop) ?? pose(box, 0.02), { ...FRAME, time }, 30);
  }
  return tracker.endFrame(time);
}

const A = { x: 100, y: 100, width: 80, height: 240 };
const B = { x: 600, y: 120, width: 90, height: 250 };
const C = { x: 350, y: 80, width: 70, height: 200 };
const D = { x: 800, y: 300, width: 60, height: 180 };
const keep = (box: PersonBox) => () => pose(box);

describe('PoseTracker', () => {
  it('gives two people distinct ids that stay with them, and detects every DETECT_EVERY frames', () => {
    const tracker = new PoseTracker(SETTINGS);
    const detectedOn: number[] = [];
    for (let f = 0; f < 12; f++) {
      if (tracker.needsDetection()) detectedOn.push(f);
      const people = step(tracker, f / 30, [detection(A), detection(B)], (crop) => pose(crop.cx < 400 ? A : B));
      expect(people.map((p) => [p.trackId, Math.round((p.box.x + p.box.width / 2) / 100)])).toEqual([[1, 1], [2, 6]]);
    }
    expect(detectedOn).toEqual([0, DETECT_EVERY, 2 * DETECT_EVERY]);
  });

  it('marks a person who stops being found as lost, keeps the last box, forgets them after LOST_KEEP_SECONDS', () => {
    const tracker = new PoseTracker(SETTINGS);
    const seen = step(tracker, 0, [detection(A)], keep(A));
    const lost = step(tracker, 1 / 30, [], () => null);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ trackId: 1, lost: true, score: 0, box: seen[0]!.box });
    expect(Array.from(lost[0]!.keypoints).filter((_, i) => i % 3 === 2).every((s) => s === 0)).toBe(true);
    expect(step(tracker, 1 / 30 + LOST_KEEP_SECONDS - 0.01, [], () => null)).toHaveLength(1);
    expect(step(tracker, 1 / 30 + LOST_KEEP_SECONDS + 0.05, [], () => null)).toEqual([]);
  });

  it('re-identifies a lost person who reappears near where they were lost', () => {
    const tracker = new PoseTracker(SETTINGS);
    step(tracker, 0, [detection(A), detection(B)], (crop) => pose(crop.cx < 400 ? A : B));
    step(tracker, 0.1, [detection(B)], (crop) => (crop.cx < 400 ? null : pose(B))); // A gone
    const moved = { ...A, x: A.x + 40 };
    const back = step(tracker, 0.5, [detection(B), detection(moved)], (crop) => pose(crop.cx < 400 ? moved : B));
    expect(back.map((p) => [p.trackId, Boolean(p.lost)])).toEqual([[1, false], [2, false]]);
  });

  it('never tracks more than maxPeople: a lost track makes room for a new person, live ones do not', () => {
    const tracker = new PoseTracker(SETTINGS);
    const all = [detection(A), detection(B), detection(C), detection(D, 0.3)];
    const people = step(tracker, 0, all, (crop) => pose([A, B, C, D].find((b) => Math.abs(b.x + b.width / 2 - crop.cx) < 5)!));
    expect(people.map((p) => p.trackId)).toEqual([1, 2, 3]); // D (lowest score) is left out
    step(tracker, 0.1, [], (crop) => (crop.cx < 200 ? null : pose(crop.cx < 500 ? C : B))); // A lost
    const replaced = step(tracker, 0.2, [detection(B), detection(C), detection(D)], (crop) => pose([B, C, D].find((b) => Math.abs(b.x + b.width / 2 - crop.cx) < 5)!));
    expect(replaced.map((p) => p.trackId).sort()).toEqual([2, 3, 4]);
  });

  it('drops a detection that never refines into a person instead of reporting it lost', () => {
    const tracker = new PoseTracker(SETTINGS);
    expect(step(tracker, 0, [detection(A)], () => null)).toEqual([]);
  });

  it('merges two tracks that end up on the same person, keeping the older id', () => {
    const tracker = new PoseTracker(SETTINGS);
    step(tracker, 0, [detection(A), detection(C)], (crop) => pose(crop.cx < 250 ? A : C));
    const merged = step(tracker, 1 / 30, [], () => pose(A)); // both crops now see A
    expect(merged.map((p) => p.trackId)).toEqual([1]);
  });

  it('snapshots are plain data: a restored tracker continues exactly like the original', () => {
    const original = new PoseTracker(SETTINGS);
    const refine = (crop: { cx: number }) => pose(crop.cx < 400 ? A : B);
    for (let f = 0; f < 3; f++) step(original, f / 30, [detection(A), detection(B)], refine);
    const copy = new PoseTracker(SETTINGS, JSON.parse(JSON.stringify(original.snapshot())));
    for (let f = 3; f < 9; f++) {
      expect(copy.needsDetection()).toBe(original.needsDetection());
      expect(step(copy, f / 30, [detection(B)], refine)).toEqual(step(original, f / 30, [detection(B)], refine));
    }
  });
});

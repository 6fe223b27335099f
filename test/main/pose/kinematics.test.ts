import { describe, expect, it } from 'vitest';
import { angleAt, frameAngles, JOINT_ANGLES, leanFromVertical, smoothSeries, trackKinematics } from '../../../src/shared/pose-kinematics.js';
import { COCO_KEYPOINTS, KEYPOINT_COUNT, type CocoKeypoint, type PoseFrame } from '../../../src/shared/pose.js';

type Pose = Partial<Record<CocoKeypoint, [number, number, number?]>>;

/** Keypoints from named points (score 1 unless given); unnamed ones get score 0 (missing). */
function keypoints(points: Pose): Float32Array {
  const out = new Float32Array(KEYPOINT_COUNT * 3);
  for (const [name, [x, y, score = 1]] of Object.entries(points) as [CocoKeypoint, [number, number, number?]][]) out.set([x, y, score], COCO_KEYPOINTS.indexOf(name) * 3);
  return out;
}

const angle = (kp: Float32Array, name: (typeof JOINT_ANGLES)[number]) => frameAngles(kp)[JOINT_ANGLES.indexOf(name)]!;

/** Standing upright, seen from the front: shoulders at y 100, hips 200, knees 300, ankles 400; left arm straight down, right elbow bent 90° forward-sideways. */
const STANDING: Pose = {
  left_shoulder: [120, 100], right_shoulder: [80, 100],
  left_hip: [115, 200], right_hip: [85, 200],
  left_knee: [115, 300], right_knee: [85, 300],
  left_ankle: [115, 400], right_ankle: [85, 400],
  left_elbow: [120, 160], left_wrist: [120, 220],
  right_elbow: [80, 160], right_wrist: [40, 160],
};

describe('joint angles', () => {
  it('at a vertex: a right angle is 90, a straight line 180, folded 0; degenerate is NaN', () => {
    expect(angleAt([0, 1], [0, 0], [1, 0])).toBeCloseTo(90, 10);
    expect(angleAt([-1, 0], [0, 0], [3, 0])).toBeCloseTo(180, 10);
    expect(angleAt([2, 0], [0, 0], [5, 0])).toBeCloseTo(0, 10);
    expect(angleAt([1, 1], [0, 0], [1, 0])).toBeCloseTo(45, 10);
    expect(angleAt([0, 0], [0, 0], [1, 0])).toBeNaN();
  });

  it('a straight leg is 180°, a bent elbow 90°, an arm along the trunk 0°, an upright trunk 0° lean', () => {
    const kp = keypoints(STANDING);
    expect(angle(kp, 'left_knee')).toBeCloseTo(180, 6);
    expect(angle(kp, 'right_knee')).toBeCloseTo(180, 6);
    expect(angle(kp, 'left_elbow')).toBeCloseTo(180, 6);
    expect(angle(kp, 'right_elbow')).toBeCloseTo(90, 6);
    // Left hip: shoulder (120,100) – hip (115,200) – knee (115,300): 180 − atan(5/100).
    expect(angle(kp, 'left_hip')).toBeCloseTo(180 - (Math.atan(5 / 100) * 180) / Math.PI, 6);
    // Left shoulder: hip (115,200) – shoulder (120,100) – elbow (120,160): the arm runs down beside the trunk.
    expect(angle(kp, 'left_shoulder')).toBeCloseTo((Math.atan(5 / 100) * 180) / Math.PI, 6);
    expect(angle(kp, 'trunk_lean')).toBeCloseTo(0, 6);
  });

  it('a squat: thigh horizontal, shin vertical gives a 90° knee; a trunk leaning right at 45°', () => {
    const kp = keypoints({ left_hip: [100, 300], left_knee: [200, 300], left_ankle: [200, 400], right_hip: [100, 300], left_shoulder: [200, 200], right_shoulder: [200, 200] });
    expect(angle(kp, 'left_knee')).toBeCloseTo(90, 6);
    expect(angle(kp, 'trunk_lean')).toBeCloseTo(45, 6);
    expect(leanFromVertical([0, 0], [-1, -1])).toBeCloseTo(-45, 10);
    expect(leanFromVertical([0, 0], [0, 1])).toBeCloseTo(180, 10);
  });

  it('a keypoint below the score threshold makes the angles that need it NaN, and only those', () => {
    const kp = keypoints({ ...STANDING, left_ankle: [115, 400, 0.1] });
    expect(angle(kp, 'left_knee')).toBeNaN();
    expect(angle(kp, 'right_knee')).toBeCloseTo(180, 6);
    expect(frameAngles(kp, 0.05)[JOINT_ANGLES.indexOf('left_knee')]).toBeCloseTo(180, 6);
  });
});

describe('track kinematics', () => {
  /** Track 3 walks right at 50 px per frame (25 fps → 1250 px/s), torso 100 px; frame 4 missing; track 7 only on frame 0. */
  const frames: PoseFrame[] = Array.from({ length: 8 }, (_, f) => ({
    frame: f,
    time: f / 25,
    people: [
      ...(f === 4 ? [] : [{ trackId: 3, box: { x: 0, y: 0, width: 1, height: 1 }, score: 1, keypoints: keypoints(Object.fromEntries(Object.entries(STANDING).map(([k, [x, y]]) => [k, [x + 50 * f, y]]))) }]),
      ...(f === 0 ? [{ trackId: 7, box: { x: 0, y: 0, width: 1, height: 1 }, score: 1, keypoints: keypoints(STANDING) }] : []),
    ],
  }));

  it('gives speeds in px/s and torso lengths/s per track, with the missing frame a gap and one-sided differences at its edges', () => {
    const [walker, still] = trackKinematics(frames);
    expect(walker!.trackId).toBe(3);
    expect(walker!.frames).toEqual([0, 1, 2, 3, 5, 6, 7]);
    expect(walker!.torsoLength).toBeCloseTo(100, 6);
    for (const v of walker!.speedPx.mid_hip) expect(v).toBeCloseTo(1250, 6);
    for (const v of walker!.speedTorso.left_wrist) expect(v).toBeCloseTo(12.5, 6);
    expect(walker!.angles.right_elbow.every((a) => Math.abs(a - 90) < 1e-6)).toBe(true);
    // A track seen on one frame has no speed.
    expect(still!.trackId).toBe(7);
    expect(still!.speedPx.mid_hip).toEqual([Number.NaN]);
  });

  it('smooths with a centred window that skips gaps and keeps NaN centres', () => {
    expect(smoothSeries([1, 2, 3, Number.NaN, 5], [0, 1, 2, 3, 4], 3)).toEqual([1.5, 2, 2.5, Number.NaN, 5]);
    // Frames 2 and 5 are not neighbours: no averaging across the jump.
    expect(smoothSeries([1, 3, 10, 20], [1, 2, 5, 6], 3)).toEqual([2, 2, 15, 15]);
  });
});

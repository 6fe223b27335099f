/**
 * Forward kinematics: a Pose becomes 3-D points (heights), turned by the view angle and projected
 * orthographically to (x, y, depth). Joint names follow the figure's anatomy: when it faces right
 * its right side is the one nearer the camera.
 */
import { cos, sin } from './detmath.js';
import type { Body, Limb, Pose } from './pose.js';

export const JOINT_NAMES = [
  'head',
  'neck',
  'left_shoulder',
  'left_elbow',
  'left_wrist',
  'right_shoulder',
  'right_elbow',
  'right_wrist',
  'left_hip',
  'left_knee',
  'left_ankle',
  'right_hip',
  'right_knee',
  'right_ankle',
] as const;

/** Point indices into the projected skeleton; N = near side, F = far side. */
export const P = {
  head: 0,
  neck: 1,
  shoulderN: 2,
  elbowN: 3,
  wristN: 4,
  shoulderF: 5,
  elbowF: 6,
  wristF: 7,
  hipN: 8,
  kneeN: 9,
  ankleN: 10,
  hipF: 11,
  kneeF: 12,
  ankleF: 13,
  pelvis: 14,
  chest: 15,
  handN: 16,
  handF: 17,
  heelN: 18,
  toeN: 19,
  heelF: 20,
  toeF: 21,
  headLow: 22,
  headHigh: 23,
} as const;
export const POINT_COUNT = 24;

/** For each exported joint (JOINT_NAMES order): the point index when the near side is the left. */
const NEAR_IS_LEFT = [P.head, P.neck, P.shoulderN, P.elbowN, P.wristN, P.shoulderF, P.elbowF, P.wristF, P.hipN, P.kneeN, P.ankleN, P.hipF, P.kneeF, P.ankleF];
const NEAR_IS_RIGHT = [P.head, P.neck, P.shoulderF, P.elbowF, P.wristF, P.shoulderN, P.elbowN, P.wristN, P.hipF, P.kneeF, P.ankleF, P.hipN, P.kneeN, P.ankleN];

/** Which skeleton point each exported joint is, given the screen direction the figure faces. */
export function jointPointIndices(facing: 1 | -1): readonly number[] {
  return facing === 1 ? NEAR_IS_RIGHT : NEAR_IS_LEFT;
}

/** Minimum height above the ground of each point's centre: nothing sinks into the floor. */
const CLEARANCE: readonly [number, number][] = [
  [P.head, 0.058],
  [P.neck, 0.04],
  [P.shoulderN, 0.045],
  [P.shoulderF, 0.045],
  [P.elbowN, 0.028],
  [P.elbowF, 0.028],
  [P.wristN, 0.02],
  [P.wristF, 0.02],
  [P.pelvis, 0.06],
  [P.chest, 0.06],
  [P.kneeN, 0.035],
  [P.kneeF, 0.035],
  [P.ankleN, 0.035],
  [P.ankleF, 0.035],
];

/**
 * Joint positions for a pose, written to `out` as (x, y, depth) triples in heights: x along the
 * screen (before mirroring for facing), y above the ground, depth towards the camera.
 */
export function solveSkeleton(body: Body, pose: Pose, yaw: number, out: Float64Array): Float64Array {
  const local = new Float64Array(POINT_COUNT * 3);
  const set = (i: number, x: number, y: number, z: number): void => {
    local[i * 3] = x;
    local[i * 3 + 1] = y;
    local[i * 3 + 2] = z;
  };
  const get = (i: number, k: number): number => local[i * 3 + k] as number;

  const ux = sin(pose.torso);
  const uy = cos(pose.torso);
  set(P.pelvis, 0, 0, 0);
  set(P.chest, ux * (body.torso - body.shoulderDrop), uy * (body.torso - body.shoulderDrop), 0);
  set(P.neck, ux * body.torso, uy * body.torso, 0);
  const ha = pose.torso + pose.head;
  const hx = sin(ha);
  const hy = cos(ha);
  const reach = body.neck + body.headR;
  set(P.head, get(P.neck, 0) + hx * reach, get(P.neck, 1) + hy * reach, 0);
  set(P.headLow, get(P.head, 0) - hx * 0.006, get(P.head, 1) - hy * 0.006, 0);
  set(P.headHigh, get(P.head, 0) + hx * 0.006, get(P.head, 1) + hy * 0.006, 0);

  const chain = (root: number, mid: number, end: number, l: Limb, len1: number, len2: number, side: number): void => {
    const k1 = Math.sqrt(1 - l.z1 * l.z1);
    const k2 = Math.sqrt(1 - l.z2 * l.z2);
    const rx = get(root, 0);
    const ry = get(root, 1);
    const rz = get(root, 2);
    const mx = rx + len1 * k1 * sin(l.a1);
    const my = ry - len1 * k1 * cos(l.a1);
    const mz = rz + len1 * side * l.z1;
    set(mid, mx, my, mz);
    set(end, mx + len2 * k2 * sin(l.a2), my - len2 * k2 * cos(l.a2), mz + len2 * side * l.z2);
  };
  const cx = get(P.chest, 0);
  const cy = get(P.chest, 1);
  set(P.shoulderN, cx, cy, body.shoulderHalf);
  set(P.shoulderF, cx, cy, -body.shoulderHalf);
  set(P.hipN, 0, 0, body.hipHalf);
  set(P.hipF, 0, 0, -body.hipHalf);
  chain(P.shoulderN, P.elbowN, P.wristN, pose.arms[0], body.upperArm, body.forearm, 1);
  chain(P.shoulderF, P.elbowF, P.wristF, pose.arms[1], body.upperArm, body.forearm, -1);
  chain(P.hipN, P.kneeN, P.ankleN, pose.legs[0], body.thigh, body.shin, 1);
  chain(P.hipF, P.kneeF, P.ankleF, pose.legs[1], body.thigh, body.shin, -1);

  // Hands continue the forearm; feet are set by their own pitch (heel behind and below the ankle).
  const hand = (wrist: number, elbow: number, target: number): void => {
    const f = 0.035 / body.forearm;
    set(target, ...([0, 1, 2].map((k) => get(wrist, k) + (get(wrist, k) - get(elbow, k)) * f) as [number, number, number]));
  };
  hand(P.wristN, P.elbowN, P.handN);
  hand(P.wristF, P.elbowF, P.handF);
  const foot = (ankle: number, pitch: number, heel: number, toe: number): void => {
    const c = cos(pitch);
    const s = sin(pitch);
    const ax = get(ankle, 0);
    const ay = get(ankle, 1) - 0.026;
    const az = get(ankle, 2);
    set(heel, ax - 0.035 * c, ay + 0.035 * s, az);
    set(toe, ax + 0.11 * c, ay - 0.11 * s, az);
  };
  foot(P.ankleN, pose.feet[0], P.heelN, P.toeN);
  foot(P.ankleF, pose.feet[1], P.heelF, P.toeF);

  // Whole-body pitch about the pelvis, then place the pelvis and keep every joint above the floor.
  const pc = cos(pose.pitch);
  const ps = sin(pose.pitch);
  for (let i = 0; i < POINT_COUNT; i++) {
    const x = local[i * 3] as number;
    const y = local[i * 3 + 1] as number;
    local[i * 3] = pose.x + x * pc + y * ps;
    local[i * 3 + 1] = pose.y - x * ps + y * pc;
  }
  let lift = 0;
  for (const [i, clearance] of CLEARANCE) lift = Math.max(lift, clearance - get(i, 1));

  // Turn by the view angle and project: screen x mixes forward and lateral, depth is towards us.
  const yc = cos(yaw);
  const ys = sin(yaw);
  for (let i = 0; i < POINT_COUNT; i++) {
    const x = local[i * 3] as number;
    const z = local[i * 3 + 2] as number;
    out[i * 3] = x * yc - z * ys;
    out[i * 3 + 1] = (local[i * 3 + 1] as number) + lift;
    out[i * 3 + 2] = x * ys + z * yc;
  }
  return out;
}

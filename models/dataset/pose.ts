/**
 * The kinematic model. Units are standing heights (sole to top of head = 1), y up, x forward
 * (the way the figure faces), z lateral towards the camera. Limb angles are absolute pitches in
 * the sagittal plane: 0 hangs straight down, +pi/2 points forward, pi straight up. Absolute angles
 * make actions easy to state ("arm thrusts forward at shoulder height" is a1 = a2 = pi/2) and
 * blend linearly between actions.
 */
import { acos, atan2, clamp, cos, lerp, rad, sin } from './detmath.js';
import type { Rng } from './rng.js';

/** One arm or leg: upper segment (upper arm, thigh) then lower segment (forearm, shin). */
export interface Limb {
  a1: number;
  /** Lateral component of the upper segment, -1..1, positive = outwards from the body. */
  z1: number;
  a2: number;
  z2: number;
}

export interface Pose {
  /** Pelvis position: x along the facing direction, y above the ground. */
  x: number;
  y: number;
  /** Whole-body rotation about the pelvis (rad, + tips forward): falls. */
  pitch: number;
  /** Torso lean from vertical (+ forward) and head tilt relative to the torso. */
  torso: number;
  head: number;
  /** Index 0 is the side nearer the camera, 1 the far side. */
  arms: [Limb, Limb];
  legs: [Limb, Limb];
  /** Foot pitch, + = toes down. */
  feet: [number, number];
}

/** Segment lengths and half-thicknesses, in standing heights; varied per figure. */
export interface Body {
  ankle: number;
  shin: number;
  thigh: number;
  torso: number;
  neck: number;
  headR: number;
  upperArm: number;
  forearm: number;
  shoulderHalf: number;
  hipHalf: number;
  shoulderDrop: number;
  /** Half-thickness multiplier (slim .. sturdy). */
  bulk: number;
}

export function hipHeight(body: Body): number {
  return body.ankle + body.shin + body.thigh;
}

/** Anthropometric proportions (Drillis & Contini) with a few percent of per-figure variation. */
export function sampleBody(rng: Rng): Body {
  const leg = rng.range(0.96, 1.04);
  const arm = rng.range(0.96, 1.04);
  const ankle = 0.04;
  const shin = 0.245 * leg;
  const thigh = 0.235 * leg;
  const headR = 0.06 * rng.range(0.95, 1.05);
  const neck = 0.045;
  // The torso fills whatever is left so the figure is exactly one height tall.
  const torso = 1 - ankle - shin - thigh - neck - 2 * headR;
  return {
    ankle,
    shin,
    thigh,
    torso,
    neck,
    headR,
    upperArm: 0.186 * arm,
    forearm: 0.146 * arm,
    shoulderHalf: 0.125 * rng.range(0.9, 1.1),
    hipHalf: 0.085 * rng.range(0.9, 1.1),
    shoulderDrop: 0.035,
    bulk: rng.range(0.85, 1.15),
  };
}

export function limb(a1: number, a2: number, z1 = 0.05, z2 = 0.05): Limb {
  return { a1, z1, a2, z2 };
}

/** Upright, arms hanging with a slight elbow bend: where every action starts and ends. */
export function standingPose(body: Body): Pose {
  const reach = body.thigh + body.shin;
  return {
    x: 0,
    y: body.ankle + reach * 0.995,
    pitch: 0,
    torso: rad(2),
    head: 0,
    arms: [limb(rad(-3), rad(6), 0.12, 0.1), limb(rad(-3), rad(6), 0.12, 0.1)],
    legs: [limb(rad(2), rad(-2), 0.02, 0), limb(rad(2), rad(-2), 0.02, 0)],
    feet: [0, 0],
  };
}

function lerpLimb(a: Limb, b: Limb, t: number): Limb {
  return { a1: lerp(a.a1, b.a1, t), z1: lerp(a.z1, b.z1, t), a2: lerp(a.a2, b.a2, t), z2: lerp(a.z2, b.z2, t) };
}

/** Linear blend of two poses (used to join consecutive actions and to ease between key poses). */
export function blendPose(a: Pose, b: Pose, t: number): Pose {
  return {
    x: lerp(a.x, b.x, t),
    y: lerp(a.y, b.y, t),
    pitch: lerp(a.pitch, b.pitch, t),
    torso: lerp(a.torso, b.torso, t),
    head: lerp(a.head, b.head, t),
    arms: [lerpLimb(a.arms[0], b.arms[0], t), lerpLimb(a.arms[1], b.arms[1], t)],
    legs: [lerpLimb(a.legs[0], b.legs[0], t), lerpLimb(a.legs[1], b.legs[1], t)],
    feet: [lerp(a.feet[0], b.feet[0], t), lerp(a.feet[1], b.feet[1], t)],
  };
}

export function clonePose(p: Pose): Pose {
  return blendPose(p, p, 0);
}

/**
 * Two-bone inverse kinematics in the sagittal plane, knee bending forward: the leg from a hip at
 * (hx, hy) to an ankle at (ax, ay). Unreachable targets get the straight leg pointing at them.
 */
export function legIk(body: Body, hx: number, hy: number, ax: number, ay: number, z1 = 0.02): Limb {
  const l1 = body.thigh;
  const l2 = body.shin;
  const dx = ax - hx;
  const dy = hy - ay;
  const d = clamp(Math.sqrt(dx * dx + dy * dy), Math.abs(l1 - l2) + 1e-6, (l1 + l2) * 0.99999);
  const toTarget = atan2(dx, dy);
  const hipAngle = acos((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d));
  const a1 = toTarget + hipAngle;
  const kx = hx + l1 * sin(a1);
  const ky = hy - l1 * cos(a1);
  const a2 = atan2(ax - kx, ky - ay);
  return { a1, z1, a2, z2: 0 };
}

/** Ankle position reached by a leg from a hip at (hx, hy), in the sagittal plane. */
export function legEnd(body: Body, hx: number, hy: number, leg: Limb): [number, number] {
  return [hx + body.thigh * sin(leg.a1) + body.shin * sin(leg.a2), hy - body.thigh * cos(leg.a1) - body.shin * cos(leg.a2)];
}

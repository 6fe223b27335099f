/** What every action's kinematic model provides, and helpers they share. */
import type { DefaultAction } from '../../../src/shared/actions.js';
import { clamp, rad, sin } from '../detmath.js';
import { hipHeight, legIk, limb, standingPose, type Body, type Limb, type Pose } from '../pose.js';
import type { Rng } from '../rng.js';

/** Gravity in standing heights per s² (9.81 m/s² for a 1.75 m figure). */
export const GRAVITY = 9.81 / 1.75;

export interface Motion {
  readonly action: DefaultAction;
  /** Seconds; pose(t) is defined on [0, duration]. */
  readonly duration: number;
  /** What was drawn for this instance (speeds, periods, which arm…), recorded in the item's scene. */
  readonly params: Record<string, number | string>;
  pose(t: number): Pose;
  /** True when the first pose is exactly where the previous action ended (no blend needed). */
  readonly continuesPrevious?: boolean;
}

export interface MotionContext {
  rng: Rng;
  body: Body;
  duration: number;
  /** Clips show the whole transition with some standing/lying around it; sequences start at once. */
  inSequence: boolean;
  /** 1 / cos(view angle): the body walks faster along its own axis than it moves across the screen. */
  speedScale: number;
  /** The action before this one in a sequence (stand_up reuses sit_down's chair). */
  previous?: Motion;
}

export type MotionFactory = (ctx: MotionContext) => Motion;

/** Standing height of the pelvis for a body (legs almost straight). */
export function standingHipY(body: Body): number {
  return standingPose(body).y;
}

/** The pelvis height at which both legs are straight enough: used by poses that stand still. */
export function feetPlanted(body: Body, pose: Pose, nearAnkleX: number, farAnkleX: number): Pose {
  const ankle = body.ankle;
  pose.legs = [legIk(body, pose.x, pose.y, nearAnkleX, ankle, 0.02), legIk(body, pose.x, pose.y, farAnkleX, ankle, 0.02)];
  return pose;
}

/** Arms hanging by the sides, swinging `swing` rad forward (near) and backward (far). */
export function hangingArms(swing = 0, elbow = rad(8)): [Limb, Limb] {
  return [limb(swing, swing + elbow, 0.12, 0.1), limb(-swing, -swing + elbow, 0.12, 0.1)];
}

/** Small idle sway shared by actions that keep the rest of the body still. */
export function sway(t: number, amplitude: number, frequency: number, phase: number): number {
  return amplitude * sin(6.283185307179586 * frequency * t + phase);
}

/** Sample a lead-in before a transition so that the transition fits inside the segment. */
export function fitTransition(rng: Rng, duration: number, lo: number, hi: number, leadMax: number, tailMin: number): { lead: number; span: number } {
  const span = rng.range(lo, clamp(hi, lo, duration - tailMin));
  const lead = rng.range(0, clamp(duration - span - tailMin, 0, leadMax));
  return { lead, span: Math.min(span, duration - lead) };
}

export { hipHeight };

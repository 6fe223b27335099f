/**
 * The three state changes: sit_down (standing to seated on an unseen chair), stand_up (exactly
 * sit_down played backwards, on the same chair) and fall (standing to lying, then still).
 */
import { PI, clamp, cos, ease, lerp, rad, sin } from '../detmath.js';
import { blendPose, legIk, limb, standingPose, type Body, type Pose } from '../pose.js';
import type { Rng } from '../rng.js';
import { fitTransition, type Motion, type MotionContext } from './motion.js';

/** The unseen chair and how this figure sits on it. */
interface Chair {
  /** Seated hip height as a fraction of the standing hip height (spec: 45–55%). */
  seatRatio: number;
  leanPeakDeg: number;
  leanSeatDeg: number;
  handA1Deg: number;
  handA2Deg: number;
}

function sampleChair(rng: Rng): Chair {
  return {
    seatRatio: rng.range(0.46, 0.54),
    leanPeakDeg: rng.range(18, 34),
    leanSeatDeg: rng.range(3, 14),
    handA1Deg: rng.range(8, 25),
    handA2Deg: rng.range(60, 85),
  };
}

/** Pose during a sit-down at progress s (0 standing .. 1 seated), feet planted at x = 0. */
export function sittingPose(body: Body, chair: Chair, s: number): Pose {
  const stand = standingPose(body);
  const seatY = chair.seatRatio * stand.y;
  // Thighs level: knees at seat height, shins down to the ankles with the feet a little forward.
  const drop = Math.min(seatY - body.ankle, body.shin * 0.995);
  const kneeX = -Math.sqrt(body.shin * body.shin - drop * drop);
  const seatX = kneeX - body.thigh;
  // The hips go back first and down later, the torso leans forward on the way: how people sit.
  const back = ease(clamp(s * 1.25, 0, 1));
  const down = ease(clamp(s * 1.25 - 0.25, 0, 1));
  const bump = sin(PI * clamp(s, 0, 1));
  const pose = standingPose(body);
  pose.x = seatX * back;
  pose.y = lerp(stand.y, seatY, down);
  pose.torso = lerp(stand.torso, rad(chair.leanSeatDeg), ease(s)) + rad(chair.leanPeakDeg) * bump;
  pose.head = -0.5 * rad(chair.leanPeakDeg) * bump;
  pose.legs = [legIk(body, pose.x, pose.y, 0.01, body.ankle, 0.03), legIk(body, pose.x, pose.y, -0.01, body.ankle, 0.03)];
  const a1 = lerp(rad(-3), rad(chair.handA1Deg), ease(s)) + rad(30) * bump;
  const a2 = lerp(rad(6), rad(chair.handA2Deg), ease(s)) + rad(20) * bump;
  pose.arms = [limb(a1, a2, 0.15, 0.05), limb(a1, a2, 0.15, 0.05)];
  return pose;
}

function chairOf(params: Record<string, number | string>): Chair | null {
  const n = (k: keyof Chair): number | null => (typeof params[k] === 'number' ? (params[k] as number) : null);
  const seatRatio = n('seatRatio');
  const leanPeakDeg = n('leanPeakDeg');
  const leanSeatDeg = n('leanSeatDeg');
  const handA1Deg = n('handA1Deg');
  const handA2Deg = n('handA2Deg');
  if (seatRatio === null || leanPeakDeg === null || leanSeatDeg === null || handA1Deg === null || handA2Deg === null) return null;
  return { seatRatio, leanPeakDeg, leanSeatDeg, handA1Deg, handA2Deg };
}

/** Standing for `lead` s, sitting down over `span` s, then seated. */
function sitTimeline(body: Body, chair: Chair, lead: number, span: number): (t: number) => Pose {
  return (t) => sittingPose(body, chair, clamp((t - lead) / span, 0, 1));
}

export function sitDown(ctx: MotionContext): Motion {
  const chair = sampleChair(ctx.rng);
  const { lead, span } = fitTransition(ctx.rng, ctx.duration, 0.8, 2, ctx.inSequence ? 0.2 : 0.8, ctx.inSequence ? 0.2 : 0.3);
  const pose = sitTimeline(ctx.body, chair, lead, span);
  return { action: 'sit_down', duration: ctx.duration, params: { ...chair, start: lead, seconds: span }, pose };
}

/** The exact time reverse of a sit_down of the same length, on the previous sit_down's chair if any. */
export function standUp(ctx: MotionContext): Motion {
  const previous = ctx.previous?.action === 'sit_down' ? chairOf(ctx.previous.params) : null;
  const chair = previous ?? sampleChair(ctx.rng);
  const { lead, span } = fitTransition(ctx.rng, ctx.duration, 0.8, 2, ctx.inSequence ? 0.5 : 0.8, ctx.inSequence ? 0.2 : 0.3);
  const sit = sitTimeline(ctx.body, chair, lead, span);
  const d = ctx.duration;
  return {
    action: 'stand_up',
    duration: d,
    params: { ...chair, start: d - lead - span, seconds: span },
    pose: (t) => sit(d - t),
    continuesPrevious: previous !== null,
  };
}

export function fall(ctx: MotionContext): Motion {
  const { rng, body } = ctx;
  const { lead, span } = fitTransition(rng, ctx.duration, 0.4, 1.2, ctx.inSequence ? 0.3 : 0.8, ctx.inSequence ? 0.5 : 0.4);
  const dir = rng.chance(0.5) ? 1 : -1; // forwards onto the front, or backwards onto the back
  const buckle = rad(rng.range(30, 60));
  const stand = standingPose(body);
  const endArms = dir > 0 ? limb(rad(178), rad(172), 0.3, 0.1) : limb(rad(rng.range(5, 30)), rad(rng.range(5, 30)), 0.3, 0.1);
  const midArms = dir > 0 ? limb(rad(85), rad(95), 0.3, 0.1) : limb(rad(-60), rad(-40), 0.4, 0.1);

  const posed = (s: number): Pose => {
    const pose = standingPose(body);
    // Gravity tips the body slowly at first and fast at the end: pitch grows with s².
    pose.pitch = dir * (PI / 2) * s * s;
    const knee = buckle * sin(PI * s);
    pose.legs = [limb(knee * 0.5, -knee * 0.5, 0.03, 0), limb(knee * 0.6, -knee * 0.4, 0.03, 0)];
    pose.torso = dir * rad(20) * sin(PI * s) + (dir < 0 ? rad(10) * sin(PI * s) : 0);
    pose.head = -dir * rad(25) * sin(PI * s);
    // Pivot about the feet: the pelvis swings over (or behind) the ankles.
    const legV = body.thigh * Math.sqrt(1 - 0.03 * 0.03) * cos(knee * 0.5) + body.shin * cos(knee * 0.5);
    pose.x = sin(pose.pitch) * legV;
    pose.y = body.ankle + cos(pose.pitch) * legV;
    const flail = s < 0.5 ? ease(s * 2) : 1;
    const arms = blendPose({ ...stand, arms: stand.arms }, { ...stand, arms: [midArms, midArms] }, flail).arms;
    const settled = blendPose({ ...stand, arms }, { ...stand, arms: [endArms, endArms] }, ease((s - 0.5) * 2)).arms;
    pose.arms = [settled[0], { ...settled[1], a1: settled[1].a1 - rad(8) }];
    pose.feet = [rad(15) * s, rad(15) * s];
    return pose;
  };
  return {
    action: 'fall',
    duration: ctx.duration,
    params: { start: lead, seconds: span, direction: dir > 0 ? 'forward' : 'backward' },
    pose: (t) => posed(clamp((t - lead) / span, 0, 1)),
  };
}

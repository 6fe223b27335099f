/** Punch and kick: a quick strike out and back, repeated, from a steady stance. */
import { PI, ease, lerp, rad, sin } from '../detmath.js';
import { limb, standingPose, type Limb, type Pose } from '../pose.js';
import type { Rng } from '../rng.js';
import { feetPlanted, sway, type Motion, type MotionContext } from './motion.js';

interface Strike {
  start: number;
  side: 0 | 1;
}

/** Strike start times: the first soon after the start, then every `gapLo..gapHi` seconds. */
function schedule(rng: Rng, duration: number, span: number, gapLo: number, gapHi: number, first: number): Strike[] {
  const strikes: Strike[] = [];
  const alternate = rng.chance(0.5);
  let side: 0 | 1 = rng.chance(0.5) ? 0 : 1;
  for (let t = first; t + span <= duration; t += rng.range(gapLo, gapHi)) {
    strikes.push({ start: t, side });
    side = alternate ? ((1 - side) as 0 | 1) : rng.chance(0.5) ? 0 : 1;
  }
  if (strikes.length === 0) strikes.push({ start: Math.max(0, duration - span), side });
  return strikes;
}

/** Progress 0..1..0 of the strike active at t, or null. */
function active(strikes: Strike[], t: number, out: number, hold: number, back: number): { strike: Strike; k: number } | null {
  for (const strike of strikes) {
    const dt = t - strike.start;
    if (dt < 0 || dt > out + hold + back) continue;
    const k = dt < out ? ease(dt / out) : dt < out + hold ? 1 : 1 - ease((dt - out - hold) / back);
    return { strike, k };
  }
  return null;
}

function lerpLimb(a: Limb, b: Limb, k: number): Limb {
  return { a1: lerp(a.a1, b.a1, k), z1: lerp(a.z1, b.z1, k), a2: lerp(a.a2, b.a2, k), z2: lerp(a.z2, b.z2, k) };
}

export function punch(ctx: MotionContext): Motion {
  const { rng, body } = ctx;
  // Out, hold and back add up to at most 0.29 s: "in under 0.3 s and pulls back".
  const out = rng.range(0.07, 0.12);
  const hold = rng.range(0, 0.04);
  const back = rng.range(0.09, 0.13);
  const span = out + hold + back;
  const strikes = schedule(rng, ctx.duration, span, Math.max(0.35, span + 0.1), 0.8, ctx.inSequence ? rng.range(0.2, 0.4) : rng.range(0.05, 0.4));
  const guard = limb(rad(rng.range(15, 35)), rad(rng.range(145, 165)), 0.2, -0.25);
  const thrust = limb(rad(rng.range(86, 94)), rad(rng.range(86, 94)), 0.04, -0.12);
  const stagger = rng.range(0.04, 0.1);
  const swayPhase = rng.range(0, 6.28);
  return {
    action: 'punch',
    duration: ctx.duration,
    params: { strikeSeconds: span, count: strikes.length },
    pose(t: number): Pose {
      const pose = standingPose(body);
      pose.x = sway(t, 0.006, 0.8, swayPhase);
      pose.y -= 0.02; // knees a little bent in a fighting stance
      pose.torso = rad(6);
      feetPlanted(body, pose, stagger, -stagger);
      pose.arms = [{ ...guard }, { ...guard }];
      const hit = active(strikes, t, out, hold, back);
      if (hit) {
        pose.arms[hit.strike.side] = lerpLimb(guard, thrust, hit.k);
        pose.torso += rad(6) * hit.k;
        pose.x += 0.02 * hit.k;
      }
      return pose;
    },
  };
}

export function kick(ctx: MotionContext): Motion {
  const { rng, body } = ctx;
  const span = rng.range(0.35, 0.58); // up and back down "in under 0.6 s"
  const peak = rad(rng.range(45, 90));
  const strikes = schedule(rng, ctx.duration, span, span + 0.25, span + 0.8, ctx.inSequence ? rng.range(0.15, 0.35) : rng.range(0.05, 0.5));
  const guardArms = [limb(rad(25), rad(70), 0.35, 0.1), limb(rad(-10), rad(30), 0.35, 0.1)] as const;
  return {
    action: 'kick',
    duration: ctx.duration,
    params: { kickSeconds: span, peakDeg: (peak * 180) / PI, count: strikes.length },
    pose(t: number): Pose {
      const pose = standingPose(body);
      pose.arms = [{ ...guardArms[0] }, { ...guardArms[1] }];
      feetPlanted(body, pose, 0.02, -0.02);
      for (const strike of strikes) {
        const s = (t - strike.start) / span;
        if (s < 0 || s > 1) continue;
        // The thigh rises to the peak and comes back; the knee chambers early, is straight at the top.
        const rise = sin(PI * s);
        const thigh = peak * rise * (s < 0.5 ? 1 : rise);
        const knee = rad(55) * Math.max(0, sin(2 * PI * s)) + rad(12) * rise * (s > 0.5 ? 1 : 0);
        const leg = pose.legs[strike.side];
        leg.a1 = thigh;
        leg.a2 = thigh - knee;
        pose.feet[strike.side] = rad(25) * rise;
        pose.torso = -rad(15) * rise * (peak / (PI / 2));
        pose.arms[strike.side === 0 ? 1 : 0].a1 += rad(30) * rise;
        pose.arms[strike.side].a1 -= rad(20) * rise;
      }
      return pose;
    },
  };
}

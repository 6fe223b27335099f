/**
 * Jump on the spot: crouch (hips drop 10–20% of the height), push off, ballistic flight that lifts
 * the feet 10–30% of the height off the ground, land and absorb; once or repeated.
 */
import { PI, ease, lerp, rad, sin } from '../detmath.js';
import { limb, standingPose, type Pose } from '../pose.js';
import { GRAVITY, feetPlanted, type Motion, type MotionContext } from './motion.js';

interface JumpTiming {
  crouch: number;
  push: number;
  flight: number;
  land: number;
}

export function jump(ctx: MotionContext): Motion {
  const { rng, body } = ctx;
  const depth = rng.range(0.1, 0.2);
  const clearance = rng.range(0.1, 0.3);
  const timing: JumpTiming = {
    crouch: rng.range(0.25, 0.45),
    push: rng.range(0.1, 0.15),
    flight: 2 * Math.sqrt((2 * clearance) / GRAVITY),
    land: rng.range(0.2, 0.35),
  };
  const span = timing.crouch + timing.push + timing.flight + timing.land;
  const starts: number[] = [];
  for (let t = ctx.inSequence ? 0 : rng.range(0, 0.3); t + span <= ctx.duration + 1e-9 || starts.length === 0; t += span + rng.range(0.05, 0.6)) {
    starts.push(t);
    if (starts.length > 20) break;
  }
  const stand = standingPose(body);
  const stanceX = rng.range(0.01, 0.04);
  const upArms = rad(rng.range(120, 165));

  return {
    action: 'jump',
    duration: ctx.duration,
    params: { crouch: depth, clearance, count: starts.length, flightSeconds: timing.flight },
    pose(t: number): Pose {
      const pose = standingPose(body);
      let start = starts[0] as number;
      for (const s of starts) if (s <= t) start = s;
      const dt = t - start;
      // crouch: 0..1 how deep; lift: pelvis height gained in the air; arms: -1 back .. +1 up.
      let crouch = 0;
      let lift = 0;
      let arms = 0;
      let toes = 0;
      const { crouch: tc, push: tp, flight: tf, land: tl } = timing;
      if (dt < 0) {
        crouch = 0;
      } else if (dt < tc) {
        crouch = ease(dt / tc);
        arms = -crouch;
      } else if (dt < tc + tp) {
        const k = ease((dt - tc) / tp);
        crouch = 1 - k;
        arms = lerp(-1, 1, k);
        toes = k;
      } else if (dt < tc + tp + tf) {
        const a = dt - tc - tp;
        lift = (GRAVITY / 2) * a * (tf - a); // peak = clearance at the middle of the flight
        arms = 1 - a / tf;
        toes = 1 - a / tf;
      } else if (dt < tc + tp + tf + tl) {
        const k = (dt - tc - tp - tf) / tl;
        crouch = 0.6 * sin(Math.min(1, k) * PI);
        arms = -0.3 * crouch;
      }
      // Pushing off raises the heels (toes last on the ground), which lifts the pelvis a little.
      pose.y = stand.y - depth * crouch + lift + 0.06 * toes;
      pose.torso = rad(3) + rad(28) * crouch;
      pose.head = -rad(15) * crouch;
      // Legs reach down to planted feet; in the air the feet hang below the hips.
      feetPlanted(body, pose, stanceX, -stanceX);
      if (lift > 0) pose.legs = [limb(rad(4), rad(-4), 0.02, 0), limb(rad(2), rad(-6), 0.02, 0)];
      pose.feet = [rad(30) * toes, rad(30) * toes];
      const armAngle = arms >= 0 ? lerp(rad(-5), upArms, arms) : lerp(rad(-5), rad(-45), -arms);
      pose.arms = [limb(armAngle, armAngle + rad(15), 0.12, 0.08), limb(armAngle - rad(5), armAngle + rad(10), 0.12, 0.08)];
      return pose;
    },
  };
}

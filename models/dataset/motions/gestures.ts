/** Actions on the spot with the feet planted: idle, wave, clap. */
import { PI, TAU, clamp, ease, rad, sin } from '../detmath.js';
import { limb, standingPose, type Limb, type Pose } from '../pose.js';
import { feetPlanted, hangingArms, sway, type Motion, type MotionContext } from './motion.js';

/** A standing pose swaying a little over feet that stay put. */
function stand(ctx: MotionContext, t: number, amp: number, freq: number, phase: number, stanceX: number): Pose {
  const pose = standingPose(ctx.body);
  pose.x = sway(t, amp, freq, phase);
  pose.torso = rad(2) + sway(t, rad(0.5), freq * 0.7, phase + 1);
  pose.head = sway(t, rad(1), freq * 0.5, phase + 2);
  // Knees a touch soft: near full extension the knee would swing with every millimetre of sway.
  pose.y -= 0.006;
  feetPlanted(ctx.body, pose, stanceX, -stanceX);
  pose.arms = hangingArms(sway(t, rad(0.5), freq, phase + 0.5));
  return pose;
}

export function idle(ctx: MotionContext): Motion {
  const { rng } = ctx;
  // Pelvis sway up to 1.6% peak to peak; with the torso and head on top no joint moves 3%.
  const amp = rng.range(0.003, 0.008);
  const freq = rng.range(0.15, 0.5);
  const phase = rng.range(0, TAU);
  const stanceX = rng.range(0, 0.05);
  return {
    action: 'idle',
    duration: ctx.duration,
    params: { sway: amp, swayHz: freq },
    pose: (t) => stand(ctx, t, amp, freq, phase, stanceX),
  };
}

export function wave(ctx: MotionContext): Motion {
  const { rng } = ctx;
  const freq = rng.range(1, 3);
  const amp = rad(rng.range(20, 35));
  const arm = rng.chance(0.7) ? 0 : 1; // the near arm more often, so it is seen
  const upper = rad(rng.range(60, 120));
  const outwards = rng.range(0.3, 0.6);
  const lift = rad(rng.range(165, 185));
  // Clips raise the arm in the first moments half the time; sequences blend into it.
  const raise = !ctx.inSequence && rng.chance(0.5) ? rng.range(0.25, 0.5) : 0;
  const phase = rng.range(0, TAU);
  const base = { amp: rng.range(0.002, 0.005), freq: rng.range(0.2, 0.4), phase: rng.range(0, TAU), stanceX: rng.range(0, 0.04) };
  return {
    action: 'wave',
    duration: ctx.duration,
    params: { hz: freq, arm: arm === 0 ? 'near' : 'far', amplitudeDeg: (amp * 180) / PI },
    pose(t) {
      const pose = stand(ctx, t, base.amp, base.freq, base.phase, base.stanceX);
      const up = raise > 0 ? ease(t / raise) : 1;
      const swing = sin(TAU * freq * t + phase) * up;
      // The forearm swings side to side across the raised upper arm; part of it shows in profile.
      const raised: Limb = limb(upper, lift + amp * swing, outwards, clamp(0.35 * swing, -0.6, 0.6));
      const hang = pose.arms[arm] as Limb;
      pose.arms[arm] = {
        a1: hang.a1 + (raised.a1 - hang.a1) * up,
        z1: hang.z1 + (raised.z1 - hang.z1) * up,
        a2: hang.a2 + (raised.a2 - hang.a2) * up,
        z2: hang.z2 + (raised.z2 - hang.z2) * up,
      };
      return pose;
    },
  };
}

export function clap(ctx: MotionContext): Motion {
  const { rng, body } = ctx;
  const rate = rng.range(1.5, 3);
  const upper = rad(rng.range(25, 50));
  const fore = rad(rng.range(75, 100));
  const elbowsOut = rng.range(-0.25, -0.05); // elbows a little in front of the shoulders
  const gap = rng.range(0.07, 0.14); // each hand's distance from the midline when apart
  const phase = rng.float();
  const base = { amp: rng.range(0.002, 0.005), freq: rng.range(0.2, 0.4), phase: rng.range(0, TAU), stanceX: rng.range(0, 0.04) };
  return {
    action: 'clap',
    duration: ctx.duration,
    params: { perSecond: rate },
    pose(t) {
      const pose = stand(ctx, t, base.amp, base.freq, base.phase, base.stanceX);
      // |sin| touches zero `rate` times a second: the hands meet with a sharp contact, then part.
      const apart = Math.abs(sin(PI * (rate * t + phase)));
      const handZ = 0.02 + gap * apart;
      const z2 = clamp((handZ - body.shoulderHalf - body.upperArm * elbowsOut) / body.forearm, -0.98, 0.98);
      // Parting also opens the elbow a little, which is what a side view sees.
      const arm = limb(upper - rad(6) * apart, fore + rad(14) * apart, elbowsOut, z2);
      pose.arms = [arm, { ...arm }];
      return pose;
    },
  };
}

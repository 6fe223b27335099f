/**
 * Walk and run. Feet follow explicit trajectories (planted during stance, so they never slide,
 * lifted during swing) and the legs reach them by inverse kinematics; the pelvis rides as high as
 * the stance leg allows (walk) or flies ballistically between stances (run).
 */
import { PI, clamp, ease, fract, lerp, rad, sin, smoothstep } from '../detmath.js';
import { legIk, limb, standingPose, type Pose } from '../pose.js';
import { GRAVITY, type Motion, type MotionContext } from './motion.js';

interface GaitParams {
  action: 'walk' | 'run';
  /** Gait cycle (s), screen speed (heights/s), stance fraction of the cycle, swing lift (heights). */
  cycle: number;
  speed: number;
  duty: number;
  lift: number;
  lean: number;
  armSwing: number;
  elbow: number;
  /** Pelvis drop at mid-stance (run) and how far the stance leg may reach, as a fraction of its length. */
  compress: number;
  reach: number;
  heelKick: number;
  phase: number;
}

function gaitMotion(ctx: MotionContext, p: GaitParams): Motion {
  const { body } = ctx;
  const bodySpeed = p.speed * ctx.speedScale;
  const half = (bodySpeed * p.duty * p.cycle) / 2; // half the stance length, relative to the pelvis
  const legLen = (body.thigh + body.shin) * p.reach;
  const edgeY = body.ankle + Math.sqrt(legLen * legLen - half * half);
  const flight = (0.5 - p.duty) * p.cycle;

  /** Ankle (x relative to the pelvis, y) and foot pitch of a leg at cycle phase u. */
  const foot = (u: number): { x: number; y: number; pitch: number; stance: boolean; s: number } => {
    if (u < p.duty) {
      const s = u / p.duty;
      return { x: half * (1 - 2 * s), y: body.ankle, pitch: rad(p.action === 'walk' ? 22 : 30) * smoothstep(0.75, 1, s), stance: true, s };
    }
    const s = (u - p.duty) / (1 - p.duty);
    const arc = sin(PI * s);
    // The run's foot stays high for longer (knees lifted): a flatter-topped arc.
    const lift = p.lift * (p.action === 'run' ? arc * (2 - arc) : arc);
    const pitch = lerp(rad(p.action === 'walk' ? 22 : 40), rad(-12), ease(s * 1.2));
    if (p.action === 'run') {
      // Running kicks the heel up behind first; only late in the swing does the foot come forward,
      // under a knee driven high.
      const x = -half + 2 * half * smoothstep(0.35, 1, s) - p.heelKick * sin(PI * Math.min(1, s / 0.7));
      return { x, y: body.ankle + lift, pitch, stance: false, s };
    }
    return { x: -half + 2 * half * ease(s), y: body.ankle + lift, pitch, stance: false, s };
  };

  const pelvisY = (u0: number, u1: number, f0: ReturnType<typeof foot>, f1: ReturnType<typeof foot>): number => {
    if (p.action === 'walk') {
      // Inverted pendulum over whichever stance leg allows the lower pelvis.
      let y = Infinity;
      for (const f of [f0, f1]) if (f.stance) y = Math.min(y, body.ankle + Math.sqrt(Math.max(legLen * legLen - f.x * f.x, 0)));
      return Math.min(y, standingPose(body).y);
    }
    const stance = f0.stance ? f0 : f1.stance ? f1 : null;
    if (stance) return edgeY - p.compress * sin(PI * stance.s);
    // Flight: a parabola under gravity between toe-off and the next touch-down.
    const since = Math.min(fract(u0 - p.duty), fract(u1 - p.duty)) * p.cycle;
    return edgeY + (GRAVITY / 2) * since * (flight - since);
  };

  return {
    action: p.action,
    duration: ctx.duration,
    params: { cycle: p.cycle, speed: p.speed, duty: p.duty, lean: p.lean },
    pose(t: number): Pose {
      const u0 = fract(p.phase + t / p.cycle);
      const u1 = fract(u0 + 0.5);
      const f0 = foot(u0);
      const f1 = foot(u1);
      const pose = standingPose(body);
      pose.x = bodySpeed * t;
      pose.y = pelvisY(u0, u1, f0, f1);
      pose.torso = p.lean + rad(1.5) * sin(4 * PI * (t / p.cycle + p.phase));
      pose.head = -p.lean * 0.5;
      pose.legs = [legIk(body, 0, pose.y, f0.x, f0.y, 0.02), legIk(body, 0, pose.y, f1.x, f1.y, 0.02)];
      pose.feet = [f0.pitch, f1.pitch];
      // Arms counter-swing: the near arm goes forward when the near leg is back.
      const swing0 = (-f0.x / Math.max(half, 1e-6)) * p.armSwing;
      pose.arms = [limb(swing0 + p.lean * 0.3, swing0 + p.elbow + p.lean * 0.5, 0.1, 0.06), limb(-swing0 + p.lean * 0.3, -swing0 + p.elbow + p.lean * 0.5, 0.1, 0.06)];
      return pose;
    },
  };
}

export function walk(ctx: MotionContext): Motion {
  const { rng } = ctx;
  return gaitMotion(ctx, {
    action: 'walk',
    cycle: rng.range(0.8, 1.3),
    speed: rng.range(0.2, 0.6),
    duty: rng.range(0.58, 0.64),
    lift: rng.range(0.03, 0.06),
    lean: rad(rng.range(1, 6)),
    armSwing: rad(rng.range(12, 25)),
    elbow: rad(rng.range(8, 25)),
    compress: 0,
    reach: 0.985,
    heelKick: 0,
    phase: rng.float(),
  });
}

export function run(ctx: MotionContext): Motion {
  const { rng } = ctx;
  const speed = rng.range(1, 2.5);
  const bodySpeed = speed * ctx.speedScale;
  // Short ground contact: half a stance stays within ~0.17 heights, the stance leg nearly straight.
  const cycle = rng.range(0.4, Math.max(0.4, Math.min(0.7, 0.34 / (bodySpeed * 0.22))));
  const duty = clamp((0.34 / (bodySpeed * cycle)) * rng.range(0.85, 1), 0.22, 0.36);
  return gaitMotion(ctx, {
    action: 'run',
    cycle,
    speed,
    duty,
    lift: rng.range(0.14, 0.24),
    lean: rad(rng.range(10, 20)),
    armSwing: rad(rng.range(28, 45)),
    elbow: rad(rng.range(75, 100)),
    compress: rng.range(0.01, 0.025),
    reach: 0.975,
    heelKick: rng.range(0.1, 0.2),
    phase: rng.float(),
  });
}

/**
 * The item's story in frames: which action each frame belongs to and the figure's pose in it.
 * Consecutive actions join where the previous one ended: the figure keeps its position, and the
 * first quarter second of the next action blends out of the previous end pose (except stand_up
 * after sit_down, which starts exactly in the seated pose).
 */
import type { DefaultAction } from '../../src/shared/actions.js';
import { ease } from './detmath.js';
import { frameTime, framesIn, type FrameRate } from './format.js';
import { MOTIONS, type Motion } from './motions/index.js';
import { blendPose, type Body, type Pose } from './pose.js';
import type { Rng } from './rng.js';
import type { PlannedAction } from './sequence-plan.js';

export interface TimelineSegment {
  label: DefaultAction;
  startFrame: number;
  /** Exclusive. */
  endFrame: number;
  motion: Motion;
}

export interface Timeline {
  frameCount: number;
  segments: TimelineSegment[];
  poses: Pose[];
}

const BLEND_SECONDS = 0.25;

export function buildTimeline(rng: Rng, body: Body, fps: FrameRate, speedScale: number, plan: readonly PlannedAction[], inSequence: boolean): Timeline {
  const segments: TimelineSegment[] = [];
  let elapsed = 0;
  let previous: Motion | undefined;
  for (const action of plan) {
    const startFrame = framesIn(fps, elapsed);
    elapsed += action.seconds;
    const endFrame = framesIn(fps, elapsed);
    const duration = frameTime(fps, endFrame - startFrame);
    const motion = MOTIONS[action.label]({ rng: rng.fork(action.label), body, duration, inSequence, speedScale, previous });
    segments.push({ label: action.label, startFrame, endFrame, motion });
    previous = motion;
  }
  const frameCount = segments[segments.length - 1]?.endFrame ?? 0;
  const poses: Pose[] = [];
  let endPose: Pose | null = null;
  for (const segment of segments) {
    const { motion } = segment;
    const offset = endPose ? endPose.x - motion.pose(0).x : 0;
    const blendFrom = endPose && !motion.continuesPrevious ? endPose : null;
    const blend = Math.min(BLEND_SECONDS, motion.duration * 0.2);
    for (let i = segment.startFrame; i < segment.endFrame; i++) {
      const t = frameTime(fps, i - segment.startFrame);
      let pose = motion.pose(t);
      pose.x += offset;
      if (blendFrom && t < blend) pose = blendPose(blendFrom, pose, ease(t / blend));
      poses.push(pose);
    }
    endPose = motion.pose(motion.duration);
    endPose.x += offset;
  }
  return { frameCount, segments, poses };
}

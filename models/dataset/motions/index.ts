/** Every action's kinematic model, by class name (see ../../../../shared/specs/actions.md). */
import type { DefaultAction } from '../../../src/shared/actions.js';
import { walk, run } from './gait.js';
import { clap, idle, wave } from './gestures.js';
import { jump } from './jump.js';
import type { MotionFactory } from './motion.js';
import { kick, punch } from './strikes.js';
import { fall, sitDown, standUp } from './transitions.js';

export const MOTIONS: Record<DefaultAction, MotionFactory> = {
  idle,
  walk,
  run,
  jump,
  wave,
  clap,
  punch,
  kick,
  sit_down: sitDown,
  stand_up: standUp,
  fall,
};

export type { Motion, MotionContext } from './motion.js';

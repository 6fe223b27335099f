/**
 * Which actions a sequence video chains, and for how long (actions.md, "Sequence videos"):
 * 3 to 10 actions of 1 to 6 s, 20 s or more in total; after sit_down comes stand_up; fall ends
 * the video; idle stands between some of the actions.
 */
import type { DefaultAction } from '../../src/shared/actions.js';
import type { Rng } from './rng.js';

export interface PlannedAction {
  label: DefaultAction;
  seconds: number;
}

export const SEQUENCE_MIN_SECONDS = 20;
export const SEQUENCE_MAX_ACTIONS = 10;

/** Actions that start and end standing, so any of them can follow any other. */
const REPEATABLE: readonly DefaultAction[] = ['idle', 'walk', 'run', 'jump', 'wave', 'clap', 'punch', 'kick'];

/** Seconds each action may last in a sequence: transitions need room for the change itself. */
const DURATION: Partial<Record<DefaultAction, [number, number]>> = {
  sit_down: [1.2, 3.2],
  stand_up: [1.2, 3.5],
  fall: [1.5, 5.95],
};

/** Drawn slightly inside 1..6 s (and past 20 s in total) so rounding to whole frames stays in range. */
function durationRange(label: DefaultAction): [number, number] {
  return DURATION[label] ?? [1.05, 5.95];
}
const PLAN_MIN_SECONDS = SEQUENCE_MIN_SECONDS + 0.1;

/** Why no sequence can be made from these classes, or null when one can. */
export function sequenceImpossible(classes: readonly DefaultAction[]): string | null {
  const repeatable = REPEATABLE.filter((c) => classes.includes(c));
  if (repeatable.length > 0) return null;
  if (classes.includes('sit_down') && classes.includes('stand_up')) return null;
  return `a sequence chains at least 3 actions, which needs one of ${REPEATABLE.join(', ')} or both sit_down and stand_up among the classes`;
}

export function planSequence(rng: Rng, classes: readonly DefaultAction[]): PlannedAction[] {
  const repeatable = REPEATABLE.filter((c) => classes.includes(c));
  const canSit = classes.includes('sit_down') && classes.includes('stand_up');
  const endWithFall = classes.includes('fall') && rng.chance(0.4);
  const target = rng.int(4, SEQUENCE_MAX_ACTIONS);
  const plan: PlannedAction[] = [];
  let total = 0;
  const push = (label: DefaultAction): void => {
    const [lo, hi] = durationRange(label);
    const seconds = rng.range(lo, hi);
    plan.push({ label, seconds });
    total += seconds;
  };

  // A sequence may open seated only when stand_up is wanted without sit_down.
  if (classes.includes('stand_up') && !classes.includes('sit_down') && (repeatable.length === 0 || rng.chance(0.3))) push('stand_up');

  while (plan.length < SEQUENCE_MAX_ACTIONS) {
    const prev = plan[plan.length - 1]?.label;
    if (prev === 'sit_down') {
      push('stand_up');
      continue;
    }
    const enough = plan.length >= target && total >= PLAN_MIN_SECONDS;
    const lastSlot = plan.length === SEQUENCE_MAX_ACTIONS - 1;
    // The fall goes last, once the actions before it (stretched if need be) can reach 20 s.
    const fallFits = total + (DURATION.fall as [number, number])[1] >= PLAN_MIN_SECONDS;
    if (endWithFall && (lastSlot || (fallFits && plan.length + 1 >= target))) {
      push('fall');
      break;
    }
    if (enough) break;
    // sit_down needs a free slot after it for stand_up (and one more for a planned fall).
    const sitFits = canSit && plan.length <= SEQUENCE_MAX_ACTIONS - (endWithFall ? 3 : 2);
    const choices = repeatable.filter((c) => c !== prev);
    if (sitFits) choices.push('sit_down');
    if (choices.length === 0) {
      if (repeatable.length === 0) break;
      choices.push(...repeatable);
    }
    const idleBetween = prev !== undefined && prev !== 'idle' && choices.includes('idle') && rng.chance(0.3);
    push(idleBetween ? 'idle' : rng.pick(choices));
  }

  // Too short (only short actions were available): stretch each towards its maximum.
  for (const action of plan) {
    if (total >= PLAN_MIN_SECONDS) break;
    const hi = durationRange(action.label)[1];
    const extra = Math.min(hi - action.seconds, PLAN_MIN_SECONDS - total);
    action.seconds += extra;
    total += extra;
  }
  return plan;
}

/**
 * The default action classes (../shared/specs/actions.md): ids are the default models' output
 * indices, so their order never changes.
 */
export const DEFAULT_ACTIONS = [
  'idle',
  'walk',
  'run',
  'jump',
  'wave',
  'clap',
  'punch',
  'kick',
  'sit_down',
  'stand_up',
  'fall',
] as const;
export type DefaultAction = (typeof DEFAULT_ACTIONS)[number];

/** Pairs no single frame can separate; every accuracy report lists them on their own. */
export const TEMPORAL_PAIRS: readonly (readonly DefaultAction[])[] = [['sit_down', 'stand_up'], ['fall']];

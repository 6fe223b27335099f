/**
 * Every keyboard shortcut of the app, declared once: the renderer's key hooks ask `shortcut()`
 * (src/renderer/src/common/keymap.ts) which action a key press means in their scope, and the `?`
 * help overlay is generated from the same rows (so the help cannot drift from what the keys do).
 * Pure data and matching, no DOM: it lives in shared so Node tests can check it. Rows without `actions` document
 * mouse gestures and keys whose binding is data (a tagging label's own hotkey).
 *
 * A chord is an `event.key` value (letters in lower case match either case) with optional `Ctrl+`
 * (Ctrl or ⌘) and `Shift+` prefixes. A chord without `Shift+` also matches with Shift held unless
 * the scope binds the Shift chord too (Shift+← is a second, ← a frame). Alt never matches.
 */
export type KeyScope = 'app' | 'player' | 'timeline' | 'compare' | 'tagging' | 'proposals' | 'review';

interface KeymapRow {
  scope: KeyScope;
  /** How the help shows the keys. */
  keys: string;
  what: string;
  actions?: Readonly<Record<string, readonly string[]>>;
}

export const SCOPE_TITLES: Record<KeyScope, string> = {
  app: 'Anywhere',
  player: 'Video',
  timeline: 'Timeline',
  compare: 'Evaluation, compare view',
  tagging: 'Tagging',
  proposals: 'Proposals',
  review: 'Review queue',
};

export const KEYMAP = [
  { scope: 'app', keys: '?', what: 'Show or hide this help', actions: { toggleHelp: ['?'] } },
  { scope: 'app', keys: 'Esc', what: 'Close this help', actions: { closeHelp: ['Escape'] } },
  { scope: 'player', keys: 'Space', what: 'Play / pause', actions: { togglePlay: [' '] } },
  { scope: 'player', keys: '← / →', what: 'One frame back / forward', actions: { frameBack: ['ArrowLeft'], frameForward: ['ArrowRight'] } },
  { scope: 'player', keys: 'Shift + ← / →', what: 'One second back / forward', actions: { secondBack: ['Shift+ArrowLeft'], secondForward: ['Shift+ArrowRight'] } },
  { scope: 'player', keys: 'J / K / L', what: 'Play backwards (again: faster) / pause / play forwards (again: faster)', actions: { backwards: ['j'], pause: ['k'], forwards: ['l'] } },
  { scope: 'player', keys: '[ / ]', what: 'Slower / faster playback (0.1× to 4×)', actions: { slower: ['['], faster: [']'] } },
  { scope: 'player', keys: 'Home / End', what: 'First / last frame', actions: { first: ['Home'], last: ['End'] } },
  { scope: 'player', keys: 'Esc', what: 'Back to the library', actions: { back: ['Escape'] } },
  { scope: 'timeline', keys: '+ / −', what: 'Zoom the timeline in / out around the playhead', actions: { zoomIn: ['+', '='], zoomOut: ['-', '_'] } },
  { scope: 'timeline', keys: '0', what: 'Show the whole video on the timeline', actions: { whole: ['0'] } },
  { scope: 'timeline', keys: 'Mouse wheel', what: 'Zoom the timeline at the cursor (Shift + wheel: pan)' },
  { scope: 'timeline', keys: 'Drag on the timeline', what: 'Pan' },
  { scope: 'timeline', keys: 'Click a segment', what: 'Go to its first frame (click elsewhere: go to that frame)' },
  { scope: 'compare', keys: 'N / P', what: 'Next / previous disagreement', actions: { next: ['n'], previous: ['p'] } },
  { scope: 'tagging', keys: '1–9 (a label\'s key)', what: 'Start / end an instance of that label (a fixed-length label makes one at once)' },
  { scope: 'tagging', keys: 'Shift + label key', what: 'Relabel the selected segment' },
  { scope: 'tagging', keys: ', / .', what: 'Nudge the selected edge one frame back / forward', actions: { nudgeBack: [','], nudgeForward: ['.'] } },
  { scope: 'tagging', keys: 'E', what: 'Select the other edge', actions: { otherEdge: ['e'] } },
  { scope: 'tagging', keys: 'S / M / Del', what: 'Split the selected segment at the playhead / merge it with the next / delete it', actions: { split: ['s'], merge: ['m'], delete: ['Delete', 'Backspace'] } },
  { scope: 'tagging', keys: 'Ctrl + Z / Ctrl + Y', what: 'Undo / redo (every edit is saved at once; Ctrl + Shift + Z redoes too)', actions: { undo: ['Ctrl+z'], redo: ['Ctrl+y', 'Ctrl+Shift+z'] } },
  { scope: 'proposals', keys: 'A / R / T', what: 'Accept / reject / trim the current one to the playhead', actions: { accept: ['a'], reject: ['r'], trim: ['t'] } },
  { scope: 'proposals', keys: 'N / P', what: 'Next / previous', actions: { next: ['n'], previous: ['p'] } },
  { scope: 'review', keys: 'J or ↓ / K or ↑', what: 'Next / previous item', actions: { next: ['j', 'ArrowDown'], previous: ['k', 'ArrowUp'] } },
  { scope: 'review', keys: 'Page Down / Page Up', what: 'Ten items down / up', actions: { pageDown: ['PageDown'], pageUp: ['PageUp'] } },
  { scope: 'review', keys: 'R / F / U', what: 'Mark reviewed / false alarm / back to unreviewed (the selection, if any)', actions: { reviewed: ['r'], falseAlarm: ['f'], unreviewed: ['u'] } },
  { scope: 'review', keys: 'Enter or O', what: 'Play the item', actions: { open: ['Enter', 'o'] } },
  { scope: 'review', keys: 'N / X / E', what: 'Note / select / export the item', actions: { note: ['n'], select: ['x'], export: ['e'] } },
] as const satisfies readonly KeymapRow[];

type Row = (typeof KEYMAP)[number];
/** The actions a scope's keys can mean. */
export type ScopeAction<S extends KeyScope> = Row extends infer R ? (R extends { scope: S; actions: infer A } ? keyof A & string : never) : never;

interface Chord {
  key: string;
  ctrl: boolean;
  shift: boolean;
  action: string;
}

function parseChord(text: string, action: string): Chord {
  // A lone '+' is the key itself, not a separator.
  const parts = text.length > 1 ? text.split('+') : [text];
  const key = parts[parts.length - 1]!;
  return { key: key.length === 1 ? key.toLowerCase() : key, ctrl: parts.includes('Ctrl'), shift: parts.includes('Shift'), action };
}

const chordsByScope = new Map<KeyScope, Chord[]>();
for (const row of KEYMAP as readonly KeymapRow[]) {
  const chords = chordsByScope.get(row.scope) ?? [];
  for (const [action, keys] of Object.entries(row.actions ?? {})) for (const key of keys) chords.push(parseChord(key, action));
  chordsByScope.set(row.scope, chords);
}

/** The modifier state and `KeyboardEvent.key` of a key press. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The action `press` means in `scope`, or null (not a shortcut there, or Alt held). */
export function actionFor<S extends KeyScope>(scope: S, press: KeyPress): ScopeAction<S> | null {
  if (press.altKey) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const ctrl = press.ctrlKey || press.metaKey;
  const candidates = (chordsByScope.get(scope) ?? []).filter((c) => c.key === key && c.ctrl === ctrl);
  const match = candidates.find((c) => c.shift === press.shiftKey) ?? candidates.find((c) => !c.shift);
  return (match?.action ?? null) as ScopeAction<S> | null;
}

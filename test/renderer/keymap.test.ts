import { describe, expect, it } from 'vitest';
import { actionFor, KEYMAP, SCOPE_TITLES } from '../../src/shared/keymap.js';

const press = (key: string, mods: { shift?: boolean; ctrl?: boolean; meta?: boolean; alt?: boolean } = {}) => ({
  key,
  shiftKey: !!mods.shift,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  altKey: !!mods.alt,
});

describe('keymap', () => {
  it('binds no chord to two actions within a scope', () => {
    const seen = new Map<string, string>();
    for (const row of KEYMAP) {
      for (const [action, chords] of Object.entries('actions' in row ? row.actions : {})) {
        for (const chord of chords as readonly string[]) {
          const id = `${row.scope} ${chord.length === 1 ? chord.toLowerCase() : chord}`;
          expect(seen.get(id) ?? action, id).toBe(action);
          seen.set(id, action);
        }
      }
    }
  });

  it('prefers the Shift chord when held and falls back to the plain one', () => {
    expect(actionFor('player', press('ArrowLeft'))).toBe('frameBack');
    expect(actionFor('player', press('ArrowLeft', { shift: true }))).toBe('secondBack');
    expect(actionFor('player', press('K', { shift: true }))).toBe('pause');
    expect(actionFor('app', press('?', { shift: true }))).toBe('toggleHelp');
    expect(actionFor('tagging', press('z', { ctrl: true }))).toBe('undo');
    expect(actionFor('tagging', press('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(actionFor('tagging', press('y', { meta: true }))).toBe('redo');
  });

  it('answers nothing with Alt, or with Ctrl where the chord has none', () => {
    expect(actionFor('player', press(' ', { alt: true }))).toBeNull();
    expect(actionFor('player', press('k', { ctrl: true }))).toBeNull();
    expect(actionFor('tagging', press('z'))).toBeNull();
    expect(actionFor('review', press('q'))).toBeNull();
  });

  it('documents every scope the help shows', () => {
    for (const row of KEYMAP) expect(SCOPE_TITLES[row.scope]).toBeTruthy();
  });
});

/** The renderer's side of the keymap (src/shared/keymap.ts): key events, minus keys typed into fields. */
import { actionFor, type KeyScope, type ScopeAction } from '../../../shared/keymap.js';
import { isTyping } from './isTyping.js';

export { KEYMAP, SCOPE_TITLES, type KeyScope, type ScopeAction } from '../../../shared/keymap.js';

export interface ShortcutOptions {
  /** Still answer when the focus is in a field that takes no letters (a checkbox, a radio button). */
  allowToggles?: boolean;
}

/** The action `event` means in `scope`, or null (not a shortcut there, typed into a field, Alt held). */
export function shortcut<S extends KeyScope>(scope: S, event: KeyboardEvent, options: ShortcutOptions = {}): ScopeAction<S> | null {
  const toggle = options.allowToggles && event.target instanceof HTMLInputElement && (event.target.type === 'checkbox' || event.target.type === 'radio');
  if (isTyping(event.target) && !toggle) return null;
  return actionFor(scope, event);
}

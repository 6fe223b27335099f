import { useEffect, useRef } from 'react';
import type { TrackLabel } from '../../../shared/tagging/types.js';
import { isTyping } from '../common/isTyping.js';
import { shortcut } from '../common/keymap.js';
import type { Tagging } from './useTagging.js';

export interface TaggingActions {
  press(label: TrackLabel): void;
  acceptProposal(): void;
  rejectProposal(): void;
  trimProposal(): void;
  gotoProposal(delta: 1 | -1): void;
  frame(): number;
}

/**
 * The tagging keys (the keymap's `tagging` and `proposals` scopes): a label's hotkey presses its code button,
 * Shift+hotkey relabels the selection; Delete, `,`/`.` nudge the selected edge, `e` the other
 * edge, `s` split at the playhead, `m` merge with the next; Ctrl+Z/Ctrl+Shift+Z (Ctrl+Y) undo and
 * redo; proposals: `a` accept, `r` reject, `t` trim to the playhead, `n`/`p` next/previous.
 */
export function useTaggingKeys(tagging: Tagging, actions: TaggingActions): void {
  const latest = useRef({ tagging, actions });
  useEffect(() => {
    latest.current = { tagging, actions };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.altKey) return;
      const { tagging: t, actions: a } = latest.current;
      const key = event.key.toLowerCase();
      const action = shortcut('tagging', event);
      if (action === 'undo' || action === 'redo') {
        void (action === 'undo' ? t.undo() : t.redo());
        event.preventDefault();
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      const selected = t.selection && t.state?.segments.find((s) => s.id === t.selection!.id);
      const label = t.state?.labels.find((l) => l.hotkey === (event.shiftKey ? event.code.replace(/^(Key|Digit)/, '').toLowerCase() : key));
      if (label) {
        if (event.shiftKey && selected) void t.edit({ op: 'relabel', id: selected.id, label: label.name });
        else if (!event.shiftKey) a.press(label);
        else return;
        event.preventDefault();
        return;
      }
      if (selected && t.selection) {
        const handled = (() => {
          switch (action) {
            case 'delete': void t.edit({ op: 'delete', id: selected.id }); return true;
            case 'nudgeBack': void t.edit({ op: 'nudge', id: selected.id, edge: t.selection.edge, delta: -1 }); return true;
            case 'nudgeForward': void t.edit({ op: 'nudge', id: selected.id, edge: t.selection.edge, delta: 1 }); return true;
            case 'otherEdge': t.setSelection({ id: selected.id, edge: t.selection.edge === 'start' ? 'end' : 'start' }); return true;
            case 'split': void t.edit({ op: 'split', id: selected.id, atFrame: a.frame() }); return true;
            case 'merge': {
              const ordered = t.state!.segments;
              const next = ordered[ordered.indexOf(selected) + 1];
              if (next) void t.edit({ op: 'merge', id: selected.id, withId: next.id });
              return true;
            }
            default: return false;
          }
        })();
        if (handled) {
          event.preventDefault();
          return;
        }
      }
      if (t.proposals.length === 0) return;
      switch (shortcut('proposals', event)) {
        case 'accept': a.acceptProposal(); break;
        case 'reject': a.rejectProposal(); break;
        case 'trim': a.trimProposal(); break;
        case 'next': a.gotoProposal(1); break;
        case 'previous': a.gotoProposal(-1); break;
        default: return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

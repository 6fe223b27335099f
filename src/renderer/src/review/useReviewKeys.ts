import { useEffect, useRef } from 'react';
import type { ReviewVerdict } from '../../../shared/review.js';
import { shortcut, type ScopeAction } from '../common/keymap.js';

export interface ReviewKeyActions {
  move(by: number): void;
  mark(verdict: ReviewVerdict | null): void;
  open(): void;
  note(): void;
  toggleSelect(): void;
  exportItem(): void;
}

/**
 * Keyboard triage (the keymap's `review` scope): J/↓ next, K/↑ previous, R reviewed, F false
 * alarm, U back to unreviewed, Enter/O play, N note, X select (R/F/U then apply to the selection), E export.
 */
export function useReviewKeys(actions: ReviewKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const a = latest.current;
      const handlers: Record<ScopeAction<'review'>, () => void> = {
        next: () => a.move(1), previous: () => a.move(-1), pageDown: () => a.move(10), pageUp: () => a.move(-10),
        reviewed: () => a.mark('reviewed'), falseAlarm: () => a.mark('false_alarm'), unreviewed: () => a.mark(null),
        open: () => a.open(), note: () => a.note(), select: () => a.toggleSelect(), export: () => a.exportItem(),
      };
      const action = shortcut('review', event);
      if (action === null) return;
      event.preventDefault();
      handlers[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

import { useEffect, useRef } from 'react';
import type { ReviewVerdict } from '../../../shared/review.js';
import { isTyping } from '../common/isTyping.js';

export interface ReviewKeyActions {
  move(by: number): void;
  mark(verdict: ReviewVerdict | null): void;
  open(): void;
  note(): void;
  toggleSelect(): void;
  exportItem(): void;
}

/**
 * Keyboard triage: J/↓ next, K/↑ previous, R reviewed, F false alarm, U back to unreviewed,
 * Enter/O play, N note, X select (R/F/U then apply to the selection), E export.
 */
export function useReviewKeys(actions: ReviewKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const a = latest.current;
      const handlers: Record<string, () => void> = {
        j: () => a.move(1), ArrowDown: () => a.move(1), k: () => a.move(-1), ArrowUp: () => a.move(-1),
        PageDown: () => a.move(10), PageUp: () => a.move(-10),
        r: () => a.mark('reviewed'), f: () => a.mark('false_alarm'), u: () => a.mark(null),
        Enter: () => a.open(), o: () => a.open(), n: () => a.note(), x: () => a.toggleSelect(), e: () => a.exportItem(),
      };
      const handler = handlers[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

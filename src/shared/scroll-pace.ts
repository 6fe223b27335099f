/**
 * Whether a list is being flung through: thumbnails wait until it slows down.
 * [Note: previews wait for a slow scroll] Every thumbnail costs an ffmpeg run in the core; asked for
 * by every row that a fling carries past, they took the machine's cores from the page (bench:review:
 * p95 work per frame 42 ms at 200 px per frame, 7.6 ms without previews). Rows of a slow scroll, a
 * keyboard step or a jump still get theirs at once; a fling gets them 150 ms after it slows.
 */
export const FLING_PX_PER_SEC = 3000;
export const SETTLE_MS = 150;
/** A scroll event after this long a pause starts a new motion: one jump (End, a scrollbar click) is no fling. */
const PAUSE_MS = 100;

export class ScrollPace {
  private top = 0;
  private time = Number.NEGATIVE_INFINITY;

  /** Feeds the list's scrollTop at `now` (ms); true when it moved faster than a fling since the last call. */
  flinging(top: number, now: number): boolean {
    const moved = Math.abs(top - this.top);
    const elapsed = now - this.time;
    this.top = top;
    this.time = now;
    if (moved === 0 || elapsed > PAUSE_MS) return false;
    return elapsed <= 0 || (moved / elapsed) * 1000 > FLING_PX_PER_SEC;
  }
}

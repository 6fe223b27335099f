import { describe, expect, it } from 'vitest';
import { FLING_PX_PER_SEC, ScrollPace } from '../../src/shared/scroll-pace.js';

describe('ScrollPace', () => {
  it('calls a wheel fling at 200 px per 16.7 ms frame flinging, frame after frame', () => {
    const pace = new ScrollPace();
    expect(pace.flinging(0, 1000)).toBe(false);
    for (let frame = 1; frame <= 5; frame++) expect(pace.flinging(frame * 200, 1000 + frame * 16.7)).toBe(true);
  });

  it('lets a slow scroll, a held arrow key and a single jump ask for thumbnails', () => {
    const slow = new ScrollPace();
    slow.flinging(0, 0);
    expect(slow.flinging(20, 16.7)).toBe(false); // 1,200 px/s
    const keys = new ScrollPace();
    keys.flinging(0, 0);
    expect(keys.flinging(76, 33)).toBe(false); // one row per 33 ms key repeat: 2,300 px/s
    const jump = new ScrollPace();
    expect(jump.flinging(380_000, 0)).toBe(false); // End, as the first move
    expect(jump.flinging(0, 5_000)).toBe(false); // Home, after a pause
  });

  it('ignores a repeated position (a second scroll event in the same frame) and counts a same-instant move as a fling', () => {
    const pace = new ScrollPace();
    pace.flinging(0, 0);
    expect(pace.flinging(0, 10)).toBe(false);
    expect(pace.flinging(100, 10)).toBe(true);
  });

  it('draws the line at FLING_PX_PER_SEC', () => {
    const pace = new ScrollPace();
    pace.flinging(0, 0);
    expect(pace.flinging(FLING_PX_PER_SEC * 0.1 - 1, 100)).toBe(false);
    expect(pace.flinging(FLING_PX_PER_SEC * 0.1 - 1 + FLING_PX_PER_SEC * 0.1 + 1, 200)).toBe(true);
  });
});

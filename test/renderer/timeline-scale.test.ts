import { describe, expect, it } from 'vitest';
import { clampView, follow, frameToX, MAX_PX_PER_FRAME, panBy, ticks, xToFrame, zoomAt } from '../../src/shared/timeline/scale.js';
import { covers, fetchWindow } from '../../src/shared/timeline/lod.js';

const THREE_HOURS = 3 * 3600 * 30; // 324,000 frames at 30 fps

describe('timeline scale', () => {
  it('maps frames to pixels and back', () => {
    const view = { start: 1000, end: 2000 };
    expect(frameToX(view, 500, 1500)).toBe(250);
    expect(xToFrame(view, 500, 250)).toBe(1500);
  });

  it('zooms around the cursor, keeping the frame under it in place', () => {
    const view = { start: 0, end: THREE_HOURS };
    const anchorX = 300;
    const before = xToFrame(view, 1200, anchorX);
    const zoomed = zoomAt(view, 1200, THREE_HOURS, anchorX, 8);
    expect(zoomed.end - zoomed.start).toBeCloseTo(THREE_HOURS / 8);
    expect(xToFrame(zoomed, 1200, anchorX)).toBeCloseTo(before);
  });

  it('zooms from the whole video down to single frames and no further', () => {
    let view = { start: 0, end: THREE_HOURS };
    for (let i = 0; i < 40; i++) view = zoomAt(view, 1200, THREE_HOURS, 600, 2);
    expect(1200 / (view.end - view.start)).toBeCloseTo(MAX_PX_PER_FRAME);
    for (let i = 0; i < 40; i++) view = zoomAt(view, 1200, THREE_HOURS, 600, 0.5);
    expect(view).toEqual({ start: 0, end: THREE_HOURS });
  });

  it('pans within the video and stops at its ends', () => {
    const view = { start: 100, end: 200 };
    expect(panBy(view, 100, 1000, 50)).toEqual({ start: 150, end: 250 });
    expect(panBy(view, 100, 1000, -500)).toEqual({ start: 0, end: 100 });
    expect(panBy(view, 100, 1000, 5000)).toEqual({ start: 900, end: 1000 });
  });

  it('keeps a short video whole however it is asked', () => {
    expect(clampView({ start: -50, end: 5000 }, 300, 1200)).toEqual({ start: 0, end: 300 });
  });

  it('follows the playhead only when it leaves the view', () => {
    const view = { start: 1000, end: 2000 };
    expect(follow(view, 10_000, 1000, 1500)).toBe(view);
    expect(follow(view, 10_000, 1000, 2500)).toEqual({ start: 2000, end: 3000 });
  });

  it('puts ruler ticks on round times, and on frames when zoomed to frames', () => {
    const whole = ticks({ start: 0, end: THREE_HOURS }, 1200, 30);
    expect(whole.length).toBeGreaterThan(3);
    expect(whole.length).toBeLessThanOrEqual(1200 / 70 + 1);
    expect(whole.every((t) => t.frame % (30 * 60) === 0)).toBe(true);
    expect(whole[1]?.label).toMatch(/^\d+:\d\d:00$|^\d+:00$/);
    const frames = ticks({ start: 100, end: 150 }, 1200, 30);
    expect(frames.map((t) => t.frame).slice(0, 3)).toEqual([100, 105, 110]);
    expect(frames[0]?.label).toBe('100');
    for (let i = 1; i < frames.length; i++) expect((frames[i]?.x ?? 0) - (frames[i - 1]?.x ?? 0)).toBeGreaterThanOrEqual(70);
    expect(ticks({ start: 100, end: 150 }, 1200, 30, 20).map((t) => t.frame).slice(0, 3)).toEqual([100, 101, 102]);
  });

});

describe('timeline level of detail', () => {
  it('asks for about one segment per pixel over the view and a view either side', () => {
    const view = { start: 100_000, end: 110_000 };
    const window = fetchWindow(view, 1000, THREE_HOURS);
    expect(window.startFrame).toBeLessThanOrEqual(90_000);
    expect(window.endFrame).toBeGreaterThanOrEqual(120_000);
    const pxCovered = ((window.endFrame - window.startFrame) / 10_000) * 1000;
    expect(window.maxSegments).toBeGreaterThanOrEqual(pxCovered);
    expect(window.maxSegments).toBeLessThanOrEqual(pxCovered * 2);
    expect(covers(window, view, 1000, THREE_HOURS)).toBe(true);
  });

  it('reuses fetched data for a small pan, refetches after leaving it or zooming in', () => {
    const view = { start: 100_000, end: 110_000 };
    const window = fetchWindow(view, 1000, THREE_HOURS);
    expect(covers(window, { start: 103_000, end: 113_000 }, 1000, THREE_HOURS)).toBe(true);
    expect(covers(window, { start: 140_000, end: 150_000 }, 1000, THREE_HOURS)).toBe(false);
    expect(covers(window, { start: 104_000, end: 106_000 }, 1000, THREE_HOURS)).toBe(false);
    expect(covers(null, view, 1000, THREE_HOURS)).toBe(false);
  });

  it('snaps windows to a grid so nearby views ask for the same range', () => {
    const a = fetchWindow({ start: 101_000, end: 111_000 }, 1000, THREE_HOURS);
    const b = fetchWindow({ start: 101_500, end: 111_500 }, 1000, THREE_HOURS);
    expect(b).toEqual(a);
    expect(a.startFrame % 8192).toBe(0);
  });

  it('stays inside the video', () => {
    const window = fetchWindow({ start: 0, end: THREE_HOURS }, 1200, THREE_HOURS);
    expect(window).toEqual({ startFrame: 0, endFrame: THREE_HOURS, maxSegments: 1800 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertRuleSettings } from '../../../src/shared/review.js';
import { groupSegments, inWindow, matchSegments, parseClock, reviewItemsFor, type CandidateSegment } from '../../../src/main/core/review/grouping.js';

const FPS = 25;
let nextId = 1;
function seg(label: string, startSec: number, endSec: number, confidence: number): CandidateSegment {
  return { id: nextId++, label, startSec, endSec, startFrame: Math.round(startSec * FPS), endFrame: Math.round(endSec * FPS), confidence };
}

const RULE: AlertRuleSettings = { classes: ['falling', 'running'], minConfidence: 0.6, minDurationSec: 1, windows: [], preRollSec: 2, postRollSec: 3, mergeGapSec: 5 };
const MIDNIGHT = new Date(2026, 11, 5, 0, 0, 0).getTime();

describe('alert rules: which segments alert', () => {
  it('keeps classes of interest above the threshold and long enough', () => {
    const segments = [seg('falling', 10, 12, 0.9), seg('walking', 20, 30, 0.99), seg('running', 40, 40.5, 0.95), seg('running', 50, 52, 0.5), seg('running', 60, 62, 0.6)];
    const kept = matchSegments(segments, RULE, { recordingStartMs: MIDNIGHT });
    expect(kept.map((s) => [s.label, s.startSec])).toEqual([['falling', 10], ['running', 60]]);
  });

  it('an empty class list means every class', () => {
    const kept = matchSegments([seg('walking', 0, 2, 0.7)], { ...RULE, classes: [] }, { recordingStartMs: MIDNIGHT });
    expect(kept).toHaveLength(1);
  });

  it('time-of-day windows, including one across midnight, use the recording clock', () => {
    const night = { ...RULE, windows: [{ start: '22:00', end: '06:00' }] };
    const start = MIDNIGHT + 21 * 3600_000 + 59 * 60_000; // recording starts 21:59
    const segments = [seg('falling', 0, 2, 0.9), seg('falling', 60, 62, 0.9), seg('falling', 8 * 3600 + 60, 8 * 3600 + 62, 0.9)];
    const kept = matchSegments(segments, night, { recordingStartMs: start });
    // 21:59 is before the window, 22:00 inside, 06:00 its (exclusive) end
    expect(kept.map((s) => s.startSec)).toEqual([60]);
    expect(inWindow(parseClock('05:59'), night.windows[0]!)).toBe(true);
    expect(inWindow(parseClock('06:00'), night.windows[0]!)).toBe(false);
    expect(inWindow(parseClock('12:00'), { start: '09:00', end: '17:30' })).toBe(true);
    expect(inWindow(parseClock('17:30'), { start: '09:00', end: '17:30' })).toBe(false);
  });

  it('refuses a malformed time naming it', () => {
    expect(() => parseClock('25:00')).toThrow('"25:00" is not a time of day');
    expect(() => parseClock('7:00')).toThrow('"7:00"');
  });
});

describe('grouping segments into review items', () => {
  it('merges segments closer than the gap, adds rolls clipped to the video, and scores by the best segment', () => {
    const a = seg('running', 10, 12, 0.7);
    const b = seg('falling', 15, 16, 0.95); // 3 s after a: merged
    const c = seg('running', 30, 31, 0.8); // 14 s after b: its own item
    const d = seg('running', 0.5, 1.5, 0.65); // near the start: pre-roll clipped at 0
    const items = groupSegments([c, a, b, d], RULE, 32);
    expect(items.map((i) => [i.startSec, i.endSec])).toEqual([[0, 4.5], [8, 19], [28, 32]]);
    const merged = items[1]!;
    expect(merged.segmentIds).toEqual([a.id, b.id]);
    expect(merged.score).toBe(0.95);
    expect(merged.classes).toEqual(['falling', 'running']);
    expect(merged.peakSec).toBe(15.5);
    expect(merged.peakFrame).toBe(Math.floor((b.startFrame + b.endFrame - 1) / 2));
  });

  it('a segment inside a long one does not split the group', () => {
    const long = seg('running', 0, 60, 0.8);
    const inner = seg('falling', 10, 11, 0.9);
    const after = seg('running', 64, 65, 0.7);
    const items = groupSegments([long, inner, after], { ...RULE, preRollSec: 0, postRollSec: 0 }, 100);
    expect(items.map((i) => i.segmentIds.length)).toEqual([3]);
    expect(items[0]).toMatchObject({ startSec: 0, endSec: 65 });
  });

  it('properties: every match lands in exactly one item, items are disjoint before rolls and inside the video', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 3000 }), len: fc.integer({ min: 1, max: 100 }), conf: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 50 }),
        (raw, gap) => {
          const segments = raw.map((r) => seg('running', r.start / 10, (r.start + r.len) / 10, r.conf));
          const rule = { ...RULE, classes: [], minConfidence: 0, minDurationSec: 0, mergeGapSec: gap / 10 };
          const items = reviewItemsFor(segments, rule, { recordingStartMs: MIDNIGHT, durationSec: 400 });
          const ids = items.flatMap((i) => i.segmentIds).sort((x, y) => x - y);
          expect(ids).toEqual(segments.map((s) => s.id).sort((x, y) => x - y));
          for (const item of items) {
            expect(item.startSec).toBeGreaterThanOrEqual(0);
            expect(item.endSec).toBeLessThanOrEqual(400);
            expect(item.score).toBe(Math.max(...segments.filter((s) => item.segmentIds.includes(s.id)).map((s) => s.confidence)));
          }
          const spans = items.map((i) => {
            const members = segments.filter((s) => i.segmentIds.includes(s.id));
            return [Math.min(...members.map((s) => s.startSec)), Math.max(...members.map((s) => s.endSec))] as const;
          });
          for (let k = 1; k < spans.length; k++) expect(spans[k]![0] - spans[k - 1]![1]).toBeGreaterThan(gap / 10);
        },
      ),
      { numRuns: 200 },
    );
  });
});

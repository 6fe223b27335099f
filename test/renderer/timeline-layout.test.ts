import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/shared/analysis.js';
import { reduceSegments } from '../../src/shared/timeline/segment-lod.js';
import { assignColors, generatedColor, luminance, PALETTE } from '../../src/shared/timeline/colors.js';
import { hitTest, presentClasses, segmentRects } from '../../src/shared/timeline/layout.js';

const seg = (startFrame: number, endFrame: number, classIndex: number, confidence = 0.8): Segment => ({
  label: `class ${classIndex}`, classIndex, startFrame, endFrame, startSec: startFrame / 30, endSec: endFrame / 30, confidence,
});

/** Alternating short segments: the worst case for drawing a long video. */
const flicker = (count: number, length: number) => Array.from({ length: count }, (_, i) => seg(i * length, (i + 1) * length, i % 3));

describe('segment rectangles', () => {
  it('draws only what is in view, clipped to it', () => {
    const rects = segmentRects([seg(0, 100, 0), seg(100, 200, 1), seg(200, 300, 2)], { start: 150, end: 250 }, 100);
    expect(rects.map((r) => [r.segment.classIndex, r.x, r.w])).toEqual([[1, 0, 50], [2, 50, 50]]);
  });

  it('draws at most one rectangle per pixel column however many segments there are', () => {
    const segments = flicker(300_000, 1);
    const rects = segmentRects(segments, { start: 0, end: 300_000 }, 1000);
    expect(rects.length).toBeLessThanOrEqual(1000);
    expect(rects.every((r) => r.w >= 1)).toBe(true);
  });

  it('finds the segment under the cursor, or a thin one near it', () => {
    const segments = [seg(0, 100, 0), seg(150, 151, 1), seg(300, 400, 2)];
    expect(hitTest(segments, { start: 0, end: 400 }, 400, 50)?.classIndex).toBe(0);
    expect(hitTest(segments, { start: 0, end: 400 }, 400, 152)?.classIndex).toBe(1);
    expect(hitTest(segments, { start: 0, end: 400 }, 400, 220)).toBeNull();
  });

  it('lists the classes present', () => {
    expect(presentClasses([[seg(0, 1, 5), seg(1, 2, 2)], [seg(0, 1, 5), seg(0, 1, -1)]])).toEqual([2, 5]);
  });
});

describe('segment level of detail', () => {
  it('keeps a range that fits as it is', () => {
    const segments = flicker(10, 30);
    expect(reduceSegments(segments, 0, 300, 20)).toEqual(segments);
  });

  it('reduces 300,000 one-frame segments to at most the pixels asked for, covering the same frames', () => {
    const out = reduceSegments(flicker(300_000, 1), 0, 300_000, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out[0]?.startFrame).toBe(0);
    expect(out.at(-1)?.endFrame).toBe(300_000);
    for (let i = 1; i < out.length; i++) expect(out[i]?.startFrame).toBe(out[i - 1]?.endFrame);
  });

  it('keeps long segments exact and gives a run of short ones its dominant label', () => {
    // 50 two-frame segments between two long ones; class 2 holds three in four of them.
    const short = Array.from({ length: 50 }, (_, i) => seg(1000 + 2 * i, 1002 + 2 * i, i % 4 === 0 ? 1 : 2));
    const out = reduceSegments([seg(0, 1000, 0), ...short, seg(1100, 20_000, 0)], 0, 20_000, 40);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ startFrame: 0, endFrame: 1000, classIndex: 0 });
    expect(out[1]).toMatchObject({ startFrame: 1000, endFrame: 1100, classIndex: 2 });
    expect(out[2]).toMatchObject({ startFrame: 1100, endFrame: 20_000, classIndex: 0 });
  });
});

describe('class colours', () => {
  it('gives a small model one fixed colour per class', () => {
    const colors = assignColors(11, [3]);
    expect(colors.get(0)).toBe(PALETTE[0]);
    expect(colors.get(10)).toBe(PALETTE[10]);
  });

  it('gives the classes present in a 400-class run distinct, legible colours, the palette first', () => {
    const present = Array.from({ length: 60 }, (_, i) => i * 6);
    const colors = assignColors(400, present);
    expect(colors.size).toBe(60);
    expect(colors.get(0)).toBe(PALETTE[0]);
    expect(colors.get(6)).toBe(PALETTE[1]);
    expect(new Set(colors.values()).size).toBe(60);
    for (const hex of colors.values()) {
      expect(hex).toMatch(/^#[0-9a-f]{6}$/);
      expect(luminance(hex)).toBeGreaterThan(0.1); // visible on the dark background
    }
  });

  it('spreads generated hues so neighbours in rank differ', () => {
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return Math.atan2(Math.sqrt(3) * ((g ?? 0) - (b ?? 0)), 2 * (r ?? 0) - (g ?? 0) - (b ?? 0));
    };
    for (let rank = 0; rank < 50; rank++) expect(Math.abs(hue(generatedColor(rank)) - hue(generatedColor(rank + 1)))).toBeGreaterThan(0.3);
  });
});

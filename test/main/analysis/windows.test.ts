import { describe, expect, it } from 'vitest';
import { lastFrameServedBy, nearestAnalysedFrame, StridedRows } from '../../../src/main/core/analysis/strategies/strided.js';
import { WindowMeans } from '../../../src/main/core/analysis/strategies/window-means.js';
import {
  coverLead,
  coveredFrames,
  edgeWindows,
  regularWindowEndingAt,
  restartFirstRow,
  sampledFrames,
  windowGeometry,
  type WindowGeometry,
} from '../../../src/main/core/analysis/strategies/window-plan.js';

/** Every window the engine runs on a video, in order: regular ones as frames arrive, then the edges. */
function allWindows(g: WindowGeometry, total: number): number[] {
  const starts: number[] = [];
  for (let f = 0; f < total; f++) {
    const start = regularWindowEndingAt(g, f);
    if (start !== null) starts.push(start);
  }
  return [...starts, ...edgeWindows(g, total)];
}

const geometries = [
  [8, 2, 4],
  [8, 1, 1],
  [3, 1, 4], // stride longer than the span: coverage widens so windows still tile
  [16, 1, 8],
  [5, 3, 2],
  [2, 1, 9],
] as const;

describe('sliding windows', () => {
  it('samples length frames interval apart, repeating the last frame past the end', () => {
    const g = windowGeometry({ length: 4, frameInterval: 2 }, 4);
    expect(g.span).toBe(7);
    expect(sampledFrames(g, 8)).toEqual([8, 10, 12, 14]);
    expect(sampledFrames(g, 0, 5)).toEqual([0, 2, 4, 4]);
  });

  it('adds one end-aligned window when the regular ones stop short, none when they fit', () => {
    const g = windowGeometry({ length: 8, frameInterval: 2 }, 4); // span 15
    expect(edgeWindows(g, 15)).toEqual([]);
    expect(edgeWindows(g, 19)).toEqual([]);
    expect(edgeWindows(g, 20)).toEqual([5]);
    expect(edgeWindows(g, 10)).toEqual([0]); // shorter than one span
    expect(edgeWindows(g, 0)).toEqual([]);
  });

  it.each(geometries)('length %i, interval %i, stride %i: every frame is covered, windows centred on it', (length, interval, stride) => {
    const g = windowGeometry({ length, frameInterval: interval }, stride);
    for (let total = 1; total <= 60; total++) {
      const counts = new Array<number>(total).fill(0);
      for (const start of allWindows(g, total)) {
        const { start: from, end } = coveredFrames(g, start, total);
        const sampled = sampledFrames(g, start, total);
        // A window's credit lies around what it saw, never wholly before or after it.
        expect(from).toBeLessThanOrEqual(sampled[0]!);
        expect(end).toBeGreaterThan(sampled.at(-1)! - (total < g.span ? total : 0));
        for (let f = from; f < end; f++) counts[f]! += 1;
      }
      expect(counts.every((c) => c > 0)).toBe(true);
    }
  });

  it.each(geometries)('length %i, interval %i, stride %i: a restart at a window start covers every frame from its first row with windows it computes', (length, interval, stride) => {
    const g = windowGeometry({ length, frameInterval: interval }, stride);
    for (let total = 1; total <= 60; total++) {
      const windows = allWindows(g, total);
      for (const restart of windows.filter((s) => s % stride === 0)) {
        const first = restartFirstRow(g, restart);
        for (let frame = first; frame < total; frame++) {
          const covering = windows.filter((s) => {
            const c = coveredFrames(g, s, total);
            return c.start <= frame && frame < c.end;
          });
          for (const start of covering) expect(start).toBeGreaterThanOrEqual(restart);
        }
        // Tight: the frame before is covered by an earlier window (when it is not before the restart itself).
        if (first > restart) {
          const before = windows.filter((s) => s < restart && coveredFrames(g, s, total).end > first - 1 && coveredFrames(g, s, total).start <= first - 1);
          expect(before.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('coverage widens to the stride, centred, only when windows would leave gaps', () => {
    expect(coverLead(windowGeometry({ length: 3, frameInterval: 1 }, 4))).toBe(0);
    expect(coverLead(windowGeometry({ length: 2, frameInterval: 1 }, 9))).toBe(3);
    expect(coveredFrames(windowGeometry({ length: 2, frameInterval: 1 }, 9), 9)).toEqual({ start: 6, end: 15 });
  });
});

describe('WindowMeans', () => {
  it('emits each frame once, in order, as the mean of the windows covering it, as soon as it is final', () => {
    const g = windowGeometry({ length: 3, frameInterval: 1 }, 2); // span 3
    const total = 8;
    const emitted: [number, number][] = [];
    const means = new WindowMeans(1, 32, 0, coverLead(g), (frame, row) => emitted.push([frame, row[0]!]));
    const windows = allWindows(g, total); // 0, 2, 4 then the edge window 5
    expect(windows).toEqual([0, 2, 4, 5]);
    for (const start of windows) means.scheduled(start);
    means.add(0, coveredFrames(g, 0, total), Float32Array.of(1));
    expect(emitted).toEqual([[0, 1], [1, 1]]); // window 2, the oldest still outstanding, starts at frame 2
    means.add(2, coveredFrames(g, 2, total), Float32Array.of(3));
    means.add(4, coveredFrames(g, 4, total), Float32Array.of(5));
    expect(emitted.map(([frame]) => frame)).toEqual([0, 1, 2, 3, 4]);
    means.add(5, coveredFrames(g, 5, total), Float32Array.of(7));
    means.emitUpTo(total);
    expect(emitted).toEqual([[0, 1], [1, 1], [2, 2], [3, 3], [4, 4], [5, 6], [6, 6], [7, 7]]);
  });

  it('refuses results out of order rather than mixing windows up', () => {
    const means = new WindowMeans(1, 8, 0, 0, () => undefined);
    means.scheduled(0);
    means.scheduled(2);
    expect(() => means.add(2, { start: 2, end: 4 }, Float32Array.of(1))).toThrow(/out of order/);
  });
});

describe('strided frame models', () => {
  it('gives each frame the nearest analysed frame, ties to the earlier one', () => {
    expect([0, 1, 2, 3, 4, 5].map((f) => nearestAnalysedFrame(f, 3))).toEqual([0, 0, 3, 3, 3, 6]);
    expect([0, 1, 2, 3, 4].map((f) => nearestAnalysedFrame(f, 4))).toEqual([0, 0, 0, 4, 4]);
    expect(lastFrameServedBy(4, 4)).toBe(6);
    expect(nearestAnalysedFrame(7, 1)).toBe(7);
  });

  it('fills every frame, the tail from the last analysed frame', () => {
    const rows: number[] = [];
    const strided = new StridedRows(4, 0, (frame, row) => rows[frame] = row[0]!);
    for (const analysed of [0, 4, 8]) strided.analysed(analysed, Float32Array.of(analysed));
    strided.finish(11);
    expect(rows).toEqual([0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8]);
  });
});

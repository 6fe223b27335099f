/** Strided frame models: one row per real frame, never a row past the video's last frame. */
import { describe, expect, it } from 'vitest';
import { nearestAnalysedFrame, StridedRows } from '../../../src/main/core/analysis/strategies/strided.js';

/** Feeds analysed frames 0, S, 2S… < total, then finish(total); returns [frame, analysed frame] per emitted row. */
function emitted(stride: number, total: number, options: { finish?: boolean; from?: number } = {}): [number, number][] {
  const rows: [number, number][] = [];
  const from = options.from ?? 0;
  const strided = new StridedRows(stride, from, (frame, row) => rows.push([frame, row[0]!]));
  for (let a = from; a < total; a += stride) strided.analysed(a, Float32Array.of(a));
  if (options.finish ?? true) strided.finish(total);
  return rows;
}

describe('StridedRows', () => {
  it.each([
    [2, 9],
    [2, 11],
    [3, 10],
    [3, 7],
    [3, 9],
    [4, 9],
    [5, 11],
    [1, 5],
  ])('stride %i on %i frames: exactly frames 0..total-1, each from its nearest analysed frame', (stride, total) => {
    const rows = emitted(stride, total);
    expect(rows.map(([f]) => f)).toEqual(Array.from({ length: total }, (_, f) => f));
    for (const [frame, source] of rows) expect(source).toBe(Math.min(nearestAnalysedFrame(frame, stride), stride * Math.floor((total - 1) / stride)));
  });

  it('holds back the frames after the latest analysed one until the end is known (salvage emits none past it)', () => {
    expect(emitted(2, 9, { finish: false }).map(([f]) => f)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(emitted(3, 10, { finish: false }).map(([f]) => f)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('resumed at an analysed frame: rows from the frames that frame serves on', () => {
    const rows = emitted(3, 10, { from: 6 });
    expect(rows).toEqual([[5, 6], [6, 6], [7, 6], [8, 9], [9, 9]]);
  });
});

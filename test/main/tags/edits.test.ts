import { describe, expect, it } from 'vitest';
import { applyEdit, segmentsAfter, snapFrame, trimToPlayhead } from '../../../src/shared/tagging/edits.js';
import type { TagEdit, TagSegment } from '../../../src/shared/tagging/types.js';

const track: TagSegment[] = [
  { id: 1, label: 'pass', startFrame: 10, endFrame: 20 },
  { id: 2, label: 'shot', startFrame: 20, endFrame: 35 },
  { id: 3, label: 'pass', startFrame: 50, endFrame: 60 },
];
const ctx = { frameCount: 100, snapTargets: [0, 24, 48, 100], snapFrames: 3 };
let next = 100;
const after = (edit: TagEdit, segments = track) => segmentsAfter(segments, applyEdit(segments, edit, ctx), () => next++);

describe('track edits (pure)', () => {
  it('creates a segment, ordering its edges and clamping them to the video', () => {
    expect(applyEdit(track, { op: 'create', label: ' tackle ', startFrame: 90, endFrame: 70 }, ctx)).toEqual({ put: [{ label: 'tackle', startFrame: 70, endFrame: 90 }], remove: [] });
    expect(applyEdit(track, { op: 'create', label: 'x', startFrame: 95, endFrame: 140 }, ctx).put[0]).toMatchObject({ startFrame: 95, endFrame: 100 });
    expect(() => applyEdit(track, { op: 'create', label: 'x', startFrame: 5, endFrame: 5 }, ctx)).toThrow(/at least one frame/);
    expect(() => applyEdit(track, { op: 'create', label: '  ', startFrame: 5, endFrame: 8 }, ctx)).toThrow(/must not be empty/);
  });

  it('drags an edge to a whole frame, snapping to a model edge within 3 frames only when asked', () => {
    expect(after({ op: 'setEdge', id: 2, edge: 'end', frame: 45.6 })[1]).toMatchObject({ id: 2, endFrame: 46 });
    expect(after({ op: 'setEdge', id: 2, edge: 'end', frame: 45.6, snap: true })[1]).toMatchObject({ id: 2, endFrame: 48 });
    expect(after({ op: 'setEdge', id: 2, edge: 'end', frame: 40, snap: true })[1]).toMatchObject({ id: 2, endFrame: 40 });
    expect(after({ op: 'setEdge', id: 1, edge: 'start', frame: 2, snap: true })[0]).toMatchObject({ id: 1, startFrame: 0 });
  });

  it('never lets an edge cross the other one or leave the video', () => {
    expect(after({ op: 'setEdge', id: 1, edge: 'start', frame: 30 }).find((s) => s.id === 1)).toMatchObject({ startFrame: 19, endFrame: 20 });
    expect(after({ op: 'setEdge', id: 1, edge: 'end', frame: 3 }).find((s) => s.id === 1)).toMatchObject({ startFrame: 10, endFrame: 11 });
    expect(after({ op: 'setEdge', id: 3, edge: 'end', frame: 500 }).find((s) => s.id === 3)).toMatchObject({ endFrame: 100 });
  });

  it('nudges the selected edge by one frame either way', () => {
    expect(after({ op: 'nudge', id: 2, edge: 'start', delta: -1 }).find((s) => s.id === 2)).toMatchObject({ startFrame: 19, endFrame: 35 });
    expect(after({ op: 'nudge', id: 2, edge: 'end', delta: 1 }).find((s) => s.id === 2)).toMatchObject({ startFrame: 20, endFrame: 36 });
    const oneFrame = [{ id: 9, label: 'a', startFrame: 0, endFrame: 1 }];
    expect(after({ op: 'nudge', id: 9, edge: 'start', delta: -1 }, oneFrame)[0]).toMatchObject({ startFrame: 0, endFrame: 1 });
    expect(after({ op: 'nudge', id: 9, edge: 'end', delta: -1 }, oneFrame)[0]).toMatchObject({ startFrame: 0, endFrame: 1 });
  });

  it('moves a segment whole, stopping at the ends of the video', () => {
    expect(after({ op: 'move', id: 3, deltaFrames: 7 }).find((s) => s.id === 3)).toMatchObject({ startFrame: 57, endFrame: 67 });
    expect(after({ op: 'move', id: 3, deltaFrames: 70 }).find((s) => s.id === 3)).toMatchObject({ startFrame: 90, endFrame: 100 });
    expect(after({ op: 'move', id: 1, deltaFrames: -70 }).find((s) => s.id === 1)).toMatchObject({ startFrame: 0, endFrame: 10 });
  });

  it('splits at the playhead into two segments of the same label; refuses a frame outside', () => {
    next = 100;
    const result = after({ op: 'split', id: 2, atFrame: 28 });
    expect(result.filter((s) => s.label === 'shot')).toEqual([
      { id: 2, label: 'shot', startFrame: 20, endFrame: 28 },
      { id: 100, label: 'shot', startFrame: 28, endFrame: 35 },
    ]);
    expect(() => applyEdit(track, { op: 'split', id: 2, atFrame: 20 }, ctx)).toThrow(/not inside/);
    expect(() => applyEdit(track, { op: 'split', id: 2, atFrame: 35 }, ctx)).toThrow(/not inside/);
  });

  it('merges neighbours into the earlier one (its label), refusing segments that are not neighbours', () => {
    expect(after({ op: 'merge', id: 2, withId: 1 })).toEqual([
      { id: 1, label: 'pass', startFrame: 10, endFrame: 35 },
      { id: 3, label: 'pass', startFrame: 50, endFrame: 60 },
    ]);
    expect(() => applyEdit(track, { op: 'merge', id: 1, withId: 3 }, ctx)).toThrow(/not neighbours/);
  });

  it('relabels and deletes; an unknown id is NOT_FOUND', () => {
    expect(after({ op: 'relabel', id: 3, label: 'cross' }).find((s) => s.id === 3)?.label).toBe('cross');
    expect(after({ op: 'delete', id: 2 }).map((s) => s.id)).toEqual([1, 3]);
    expect(() => applyEdit(track, { op: 'delete', id: 42 }, ctx)).toThrow(/No segment 42/);
  });

  it('snaps to the nearest target within range, preferring the earlier on a tie', () => {
    expect(snapFrame(26, [24, 28], 3)).toBe(24);
    expect(snapFrame(27, [24, 28], 3)).toBe(28);
    expect(snapFrame(40, [24, 28], 3)).toBe(40);
  });

  it('trims a proposal to the playhead from the nearer edge, keeping the frame on screen', () => {
    expect(trimToPlayhead({ startFrame: 10, endFrame: 30 }, 12)).toEqual({ startFrame: 12, endFrame: 30 });
    expect(trimToPlayhead({ startFrame: 10, endFrame: 30 }, 25)).toEqual({ startFrame: 10, endFrame: 26 });
    expect(trimToPlayhead({ startFrame: 10, endFrame: 30 }, 29)).toEqual({ startFrame: 10, endFrame: 30 });
    expect(trimToPlayhead({ startFrame: 10, endFrame: 30 }, 30)).toBeUndefined();
    expect(trimToPlayhead({ startFrame: 10, endFrame: 30 }, 9)).toBeUndefined();
  });
});

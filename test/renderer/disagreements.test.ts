import { describe, expect, it } from 'vitest';
import { disagreements, jump, labelsPerFrame } from '../../src/shared/timeline/disagreements.js';

describe('compare view disagreements', () => {
  const truth = [
    { label: 'clap', startFrame: 0, endFrame: 4 },
    { label: 'idle', startFrame: 4, endFrame: 6 },
    { label: 'jump', startFrame: 6, endFrame: 10 },
  ];

  it('labels frames, leaving uncovered ones null', () => {
    expect(labelsPerFrame([{ label: 'a', startFrame: 1, endFrame: 3 }], 4)).toEqual([null, 'a', 'a', null]);
  });

  it('finds the maximal runs where the tracks differ, a gap in a track counting as a difference', () => {
    const model = [{ label: 'idle', startFrame: 0, endFrame: 8 }];
    expect(disagreements([truth, model], 10)).toEqual([
      { startFrame: 0, endFrame: 4 },
      { startFrame: 6, endFrame: 10 },
    ]);
    expect(disagreements([truth, truth], 10)).toEqual([]);
    expect(disagreements([truth], 10)).toEqual([]);
  });

  it('jumps to the next and previous start, staying put at the ends', () => {
    const ranges = [
      { startFrame: 0, endFrame: 4 },
      { startFrame: 6, endFrame: 10 },
    ];
    expect(jump(ranges, 0, 1)).toBe(6);
    expect(jump(ranges, 6, 1)).toBeNull();
    expect(jump(ranges, 8, -1)).toBe(6);
    expect(jump(ranges, 6, -1)).toBe(0);
    expect(jump(ranges, 0, -1)).toBeNull();
  });
});

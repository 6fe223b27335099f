import { describe, expect, it } from 'vitest';
import { filterPlaylist } from '../../src/shared/tagging/playlist.js';

const items = [
  { label: 'shot', startFrame: 50, endFrame: 60, confidence: 0.9 },
  { label: 'pass', startFrame: 10, endFrame: 20, confidence: 0.4 },
  { label: 'pass', startFrame: 30, endFrame: 40, confidence: 0.8 },
];

describe('playlist filter', () => {
  it('keeps the chosen labels (none chosen: all) at or above the confidence, in time order', () => {
    expect(filterPlaylist(items, { labels: new Set(), minConfidence: 0 }).map((i) => i.startFrame)).toEqual([10, 30, 50]);
    expect(filterPlaylist(items, { labels: new Set(['pass']), minConfidence: 0 }).map((i) => i.startFrame)).toEqual([10, 30]);
    expect(filterPlaylist(items, { labels: new Set(['pass']), minConfidence: 0.5 }).map((i) => i.startFrame)).toEqual([30]);
  });
});

import { describe, expect, it } from 'vitest';
import { closeInstance, fixedInstance, openFrame } from '../../../src/shared/tagging/code-window.js';
import type { TrackLabel } from '../../../src/shared/tagging/types.js';

const toggle: TrackLabel = { name: 'pass', color: '#4e9bf5', hotkey: '1', mode: 'toggle', fixedSec: 2, leadSec: 1, lagSec: 0.5 };
const fixed: TrackLabel = { ...toggle, mode: 'fixed', fixedSec: 3, leadSec: 2, lagSec: 0 };

describe('code window instances', () => {
  it('a toggle opens lead seconds before the first press and closes lag seconds after the second (inclusive of that frame)', () => {
    const opened = openFrame(toggle, 100, 25);
    expect(opened).toBe(75);
    expect(closeInstance(toggle, opened, 150, 25, 1000)).toEqual({ startFrame: 75, endFrame: 164 }); // 150 + 1 + 12.5 → 164
  });

  it('clamps to the video: lead before frame 0, lag past the end, and a press twice on one frame still makes one frame', () => {
    expect(openFrame(toggle, 10, 25)).toBe(0);
    expect(closeInstance({ ...toggle, lagSec: 0 }, 990, 999, 25, 1000)).toEqual({ startFrame: 990, endFrame: 1000 });
    expect(closeInstance(toggle, 990, 999, 25, 1000)).toEqual({ startFrame: 990, endFrame: 1000 });
    expect(closeInstance({ ...toggle, lagSec: 0 }, 40, 40, 25, 1000)).toEqual({ startFrame: 40, endFrame: 41 });
  });

  it('a fixed button makes one instance of its length starting lead seconds before the press', () => {
    expect(fixedInstance(fixed, 200, 25, 1000)).toEqual({ startFrame: 150, endFrame: 225 });
    expect(fixedInstance(fixed, 990, 25, 1000)).toEqual({ startFrame: 940, endFrame: 1000 });
  });
});

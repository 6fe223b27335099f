import { describe, expect, it } from 'vitest';
import { constantRate, frameTimes } from '../../src/shared/timeline/frame-map.js';

describe('frame map', () => {
  it('maps a constant frame rate, whatever float error the presented time carries', () => {
    const map = constantRate(25);
    for (let f = 0; f < 2000; f++) {
      expect(map.frameAt(f * 0.04)).toBe(f); // 0.04 * f is not exact in binary
      expect(map.frameAt(map.seekTime(f))).toBe(f);
      expect(map.timeOf(f)).toBeCloseTo(f / 25, 9);
    }
    expect(constantRate(30000 / 1001).frameAt(1001 / 30000 * 12345)).toBe(12345);
  });

  it('maps a variable frame rate by the frames own times, relative to the first', () => {
    // Frames 0–49 at 25 fps, then every 80 ms, starting at 1.4 s (an offset start time).
    const times = Array.from({ length: 100 }, (_, n) => 1.4 + (n < 50 ? n * 0.04 : 2 + (n - 50) * 0.08));
    const map = frameTimes(times, 25);
    for (let f = 0; f < 100; f++) {
      expect(map.frameAt(times[f]! - 1.4)).toBe(f);
      expect(map.frameAt(map.seekTime(f))).toBe(f);
      expect(map.timeOf(f)).toBeCloseTo(times[f]! - 1.4, 9);
    }
    expect(map.frameAt(-1)).toBe(0);
    expect(map.frameAt(100)).toBeGreaterThan(99); // past the last known frame: nominal rate
  });

  it('falls back to the nominal rate without times', () => {
    expect(frameTimes([], 25).frameAt(1)).toBe(25);
  });
});

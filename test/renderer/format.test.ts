import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFrameRate, formatBytes, formatDuration, formatFps, formatFrameRange } from '../../src/shared/format.js';
import { FALLBACK_FPS, usableFps } from '../../src/shared/media.js';

/** Seconds back from `m:ss(.d…)` or `h:mm:ss(.d…)`. */
function parseDuration(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * text.replace(/^-/, '').split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

describe('formatDuration', () => {
  it('writes minutes and seconds, hours when there are any', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65.25, 2)).toBe('1:05.25');
    expect(formatDuration(3 * 3600 + 7)).toBe('3:00:07');
    expect(formatDuration(3.43, 2)).toBe('0:03.43');
    expect(formatDuration(Number.NaN)).toBe('?');
  });

  it('rounds once: 59.999 s is 1:00, never 0:60', () => {
    expect(formatDuration(59.999)).toBe('1:00');
    expect(formatDuration(59.9996, 3)).toBe('1:00.000');
    expect(formatDuration(3599.6)).toBe('1:00:00');
  });

  it('reads back as the value rounded to its decimals, with fields in range', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 3 }), (seconds, decimals) => {
        const text = formatDuration(seconds, decimals);
        expect(Math.abs(parseDuration(text) - seconds)).toBeLessThanOrEqual(0.5 / 10 ** decimals + 1e-6);
        const fields = text.replace(/^-/, '').split(':');
        for (const field of fields.slice(1)) expect(Number(field)).toBeLessThan(60);
        for (const field of fields.slice(1)) expect(field.split('.')[0]).toHaveLength(2);
      }),
    );
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(7 * 1024)).toBe('7.0 KiB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300.0 MiB');
    expect(formatBytes(1024 ** 3 * 2.5)).toBe('2.5 GiB');
  });

  it('never shows 1024 or more of a unit below TiB, and reads back within the rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (bytes) => {
        const [number, unit] = formatBytes(bytes).split(' ') as [string, string];
        const power = ['B', 'KiB', 'MiB', 'GiB', 'TiB'].indexOf(unit);
        expect(power).toBeGreaterThanOrEqual(0);
        if (unit !== 'TiB') expect(Number(number)).toBeLessThan(1024);
        expect(Math.abs(Number(number) * 1024 ** power - bytes)).toBeLessThanOrEqual(0.05 * 1024 ** power + 1e-9);
      }),
    );
  });
});

describe('frame rates', () => {
  it('shows whole rates as they are and others to three decimals at most', () => {
    expect(formatFps(30)).toBe('30');
    expect(formatFps(30000 / 1001)).toBe('29.97');
    expect(formatFps(24000 / 1001)).toBe('23.976');
    expect(describeFrameRate({ fps: 30000 / 1001, avgFrameRate: { num: 30000, den: 1001 }, variableFrameRate: false })).toBe('29.97 fps (30000/1001)');
    expect(describeFrameRate({ fps: 25, avgFrameRate: { num: 25, den: 1 }, variableFrameRate: true })).toBe('25 fps VFR');
    expect(describeFrameRate({ fps: 0, avgFrameRate: { num: 0, den: 0 }, variableFrameRate: false })).toBe('? fps');
  });

  it('falls back to 25 fps only where the video has no rate', () => {
    expect(usableFps(0)).toBe(FALLBACK_FPS);
    expect(usableFps(Number.NaN)).toBe(FALLBACK_FPS);
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1000, noNaN: true }), (fps) => {
        expect(usableFps(fps)).toBe(fps);
      }),
    );
  });
});

describe('formatFrameRange', () => {
  it('shows [start, end) as first–last, both inclusive', () => {
    expect(formatFrameRange(0, 30)).toBe('0–29');
    expect(formatFrameRange(30, 31)).toBe('30');
    expect(formatFrameRange(5, 5)).toBe('none');
  });

  it('names exactly end − start frames', () => {
    fc.assert(
      fc.property(fc.nat(1e7), fc.integer({ min: 1, max: 1e6 }), (start, count) => {
        const text = formatFrameRange(start, start + count);
        const [first, last = first] = text.split('–').map(Number) as [number, number?];
        expect(first).toBe(start);
        expect(last - first + 1).toBe(count);
      }),
    );
  });
});

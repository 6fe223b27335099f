/** The restart points a run stores with its chunks (see [Note: exact resume]). */
import { describe, expect, it } from 'vitest';
import { packState, ResumeLedger, unpackState } from '../../../src/main/core/analysis/strategies/resume-ledger.js';

describe('ResumeLedger', () => {
  it('gives the latest point whose recomputed rows reach back to the committed end, and forgets older ones', () => {
    const ledger = new ResumeLedger();
    ledger.register(0, 0, null);
    ledger.register(16, 16, Uint8Array.of(1));
    ledger.register(32, 31, Uint8Array.of(2));
    expect(ledger.pointFor(10)).toEqual({ frame: 0, state: null });
    expect(ledger.pointFor(31)).toEqual({ frame: 32, state: Uint8Array.of(2) });
    // Older points are gone: a later commit never goes back to them.
    expect(ledger.pointFor(20)).toBeNull();
  });

  it('has no point before the first registration', () => {
    expect(new ResumeLedger().pointFor(100)).toBeNull();
  });
});

describe('recurrent state bytes', () => {
  it('round-trip tensors exactly, and refuse a blob of another size', () => {
    const h = Float32Array.of(0.1, -2.5, 3e-8);
    const c = Float32Array.of(Number.MIN_VALUE, 7);
    const blob = packState([h, c]);
    expect(blob.byteLength).toBe(20);
    const [h2, c2] = unpackState(blob.subarray(0), [3, 2])!;
    expect(Array.from(h2!)).toEqual(Array.from(h));
    expect(Array.from(c2!)).toEqual(Array.from(c));
    expect(unpackState(blob, [3, 3])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../../../src/main/core/analysis/postprocess/min-heap.js';
import { seededRandom } from './helpers.js';

describe('MinHeap', () => {
  it('pops by key, then by id, whatever the push order', () => {
    const random = seededRandom(5);
    const entries = Array.from({ length: 500 }, (_, id) => ({ id, key: Math.floor(random() * 20) }));
    const heap = new MinHeap(entries.length);
    for (const { id, key } of [...entries].sort(() => random() - 0.5)) heap.push(id, key);
    const popped: { id: number; key: number }[] = [];
    while (heap.size > 0) {
      const key = heap.minKey;
      popped.push({ id: heap.pop(), key });
    }
    expect(popped).toEqual([...entries].sort((a, b) => a.key - b.key || a.id - b.id));
  });

  it('refuses to overflow or to pop when empty', () => {
    const heap = new MinHeap(1);
    heap.push(0, 1);
    expect(() => heap.push(1, 2)).toThrow(RangeError);
    heap.pop();
    expect(() => heap.pop()).toThrow(RangeError);
  });
});

import { AppError } from '../../../../shared/errors.js';
import type { RowSink } from './types.js';

/**
 * Sums window predictions per frame and emits each frame's mean once no later window can cover
 * it. Windows are added in the order they were scheduled; a frame before the coverage of the
 * oldest window not yet added is final, because every window still to come starts at or after
 * that one (the end-aligned edge window starts after the last regular one). Memory is a ring of `capacity`
 * frames: windows outstanding at once × stride + span.
 */
export class WindowMeans {
  readonly #classCount: number;
  readonly #capacity: number;
  readonly #sums: Float64Array;
  readonly #counts: Uint16Array;
  readonly #row: Float32Array;
  readonly #emit: RowSink;
  readonly #outstanding: number[] = [];
  /** See coverLead in window-plan.ts: how far before its start a window's coverage begins. */
  readonly #lead: number;
  #lastScheduled = -1;
  #next: number;

  constructor(classCount: number, capacity: number, firstFrame: number, lead: number, emit: RowSink) {
    this.#lead = lead;
    this.#classCount = classCount;
    this.#capacity = capacity;
    this.#sums = new Float64Array(capacity * classCount);
    this.#counts = new Uint16Array(capacity);
    this.#row = new Float32Array(classCount);
    this.#emit = emit;
    this.#next = firstFrame;
  }

  scheduled(start: number): void {
    this.#outstanding.push(start);
    this.#lastScheduled = start;
  }

  /** Credits `row` to the frames the oldest outstanding window covers, then emits what became final. */
  add(windowStart: number, covered: { start: number; end: number }, row: Float32Array): void {
    if (this.#outstanding.shift() !== windowStart) throw new AppError('INTERNAL', `window results out of order at frame ${windowStart}`);
    const C = this.#classCount;
    for (let f = Math.max(covered.start, this.#next); f < covered.end; f++) {
      if (f - this.#next >= this.#capacity) throw new AppError('INTERNAL', `window accumulator overflow at frame ${f}`);
      const at = (f % this.#capacity) * C;
      for (let c = 0; c < C; c++) this.#sums[at + c] = this.#sums[at + c]! + row[c]!;
      const slot = f % this.#capacity;
      this.#counts[slot] = this.#counts[slot]! + 1;
    }
    this.emitUpTo((this.#outstanding[0] ?? this.#lastScheduled + 1) - this.#lead);
  }

  /** Emits the mean row of every frame before `frame`. */
  emitUpTo(frame: number): void {
    const C = this.#classCount;
    for (; this.#next < frame; this.#next++) {
      const slot = this.#next % this.#capacity;
      const count = this.#counts[slot]!;
      if (count === 0) throw new AppError('INTERNAL', `frame ${this.#next} is covered by no window`);
      const at = slot * C;
      for (let c = 0; c < C; c++) {
        this.#row[c] = this.#sums[at + c]! / count;
        this.#sums[at + c] = 0;
      }
      this.#counts[slot] = 0;
      this.#emit(this.#next, this.#row);
    }
  }
}

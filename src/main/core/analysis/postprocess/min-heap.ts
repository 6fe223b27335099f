/**
 * A binary min-heap of (id, key) pairs on typed arrays, ordered by key, then by id. Fixed
 * capacity; no objects per entry, so it can hold every run of an hour-long video cheaply.
 */
export class MinHeap {
  readonly #ids: Int32Array;
  readonly #keys: Float64Array;
  #size = 0;

  constructor(capacity: number) {
    this.#ids = new Int32Array(capacity);
    this.#keys = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(id: number, key: number): void {
    if (this.#size === this.#ids.length) throw new RangeError(`MinHeap is full (${this.#ids.length} entries)`);
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(id, key, parent)) break;
      this.#move(parent, i);
      i = parent;
    }
    this.#ids[i] = id;
    this.#keys[i] = key;
  }

  /** Key of the smallest entry (read it before pop()); the heap must not be empty. */
  get minKey(): number {
    return this.#keys[0]!;
  }

  /** Removes the smallest entry and returns its id; the heap must not be empty. */
  pop(): number {
    if (this.#size === 0) throw new RangeError('MinHeap is empty');
    const top = this.#ids[0]!;
    const last = --this.#size;
    const id = this.#ids[last]!;
    const key = this.#keys[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.#less(child + 1, child)) child++;
      if (this.#before(id, key, child)) break;
      this.#move(child, i);
      i = child;
    }
    this.#ids[i] = id;
    this.#keys[i] = key;
    return top;
  }

  /** Whether (id, key) comes strictly before the entry at `slot`. */
  #before(id: number, key: number, slot: number): boolean {
    const other = this.#keys[slot]!;
    return key < other || (key === other && id < this.#ids[slot]!);
  }

  #less(a: number, b: number): boolean {
    return this.#before(this.#ids[a]!, this.#keys[a]!, b);
  }

  #move(from: number, to: number): void {
    this.#ids[to] = this.#ids[from]!;
    this.#keys[to] = this.#keys[from]!;
  }
}

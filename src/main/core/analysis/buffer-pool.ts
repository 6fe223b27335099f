/**
 * Float32 tensors of one size, reused: each batch's buffer goes to the inference worker
 * (transferred, not copied) and comes back with the result, so a whole video runs on the few
 * buffers that are in flight at once instead of one allocation per batch.
 */
export class BufferPool {
  readonly #length: number;
  readonly #free: Float32Array[] = [];

  constructor(length: number) {
    this.#length = length;
  }

  take(): Float32Array {
    return this.#free.pop() ?? new Float32Array(this.#length);
  }

  /** Takes back a buffer (or a view of one) from the worker; other sizes are left to the GC. */
  give(view: Float32Array): void {
    if (view.buffer.byteLength === this.#length * 4) this.#free.push(new Float32Array(view.buffer as ArrayBuffer));
  }
}

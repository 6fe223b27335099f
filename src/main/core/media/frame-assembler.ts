/**
 * Cuts ffmpeg's raw stdout into fixed-size frames. Each chunk is copied straight into a frame
 * buffer allocated once per frame (no Buffer.concat per chunk: this is the decoder's hot path).
 * Frames come from allocUnsafeSlow, so each owns its whole ArrayBuffer and can be transferred
 * to a worker without copying.
 */
export class FrameAssembler {
  readonly frameBytes: number;
  #frame: Buffer | null = null;
  #filled = 0;

  constructor(frameBytes: number) {
    this.frameBytes = frameBytes;
  }

  /** Appends completed frames to `completed`; keeps any remainder for the next chunk. */
  push(chunk: Buffer, completed: Buffer[]): void {
    let offset = 0;
    while (offset < chunk.length) {
      this.#frame ??= Buffer.allocUnsafeSlow(this.frameBytes);
      const copied = chunk.copy(this.#frame, this.#filled, offset);
      offset += copied;
      this.#filled += copied;
      if (this.#filled === this.frameBytes) {
        completed.push(this.#frame);
        this.#frame = null;
        this.#filled = 0;
      }
    }
  }

  /** Bytes of an incomplete frame held back (non-zero at the end means a truncated frame). */
  get pendingBytes(): number {
    return this.#filled;
  }
}

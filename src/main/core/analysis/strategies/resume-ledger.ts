import type { ResumePoint } from '../../store/index.js';

export type { ResumePoint } from '../../store/index.js';

interface Registered extends ResumePoint {
  /** The first frame whose row a restart at `frame` computes exactly as an uninterrupted run did. */
  firstRow: number;
}

/**
 * [Note: exact resume] A strategy's computation is only reproducible from certain frames: the
 * start of a batch (a frame model's or a clip model's batch mixes samples, and onnxruntime does
 * not promise the same float for a sample in another batch), the start of a recurrent chunk
 * with the state the previous chunk left. The strategy registers each such restart point here
 * as soon as it is known, with the state it needs (only recurrent models have one); the
 * PredictionWriter stores, with every committed chunk, the latest point whose recomputed rows
 * reach back to the chunk's end. A resumed run decodes from that point with that state and
 * drops the rows already stored, so it computes bit for bit what an uninterrupted run computes.
 * Window contents, flow pairs and the strided row hand-over are rebuilt by decoding from the
 * point, not stored: decoding is deterministic (test/main/analysis/exact-resume.test.ts).
 */
export class ResumeLedger {
  #points: Registered[] = [];

  register(frame: number, firstRow: number, state: Uint8Array | null): void {
    this.#points.push({ frame, firstRow: Math.max(0, firstRow), state });
  }

  /** The latest point whose recomputed rows start at or before `committedEnd`; older points are dropped. */
  pointFor(committedEnd: number): ResumePoint | null {
    let found = -1;
    for (let i = 0; i < this.#points.length; i++) if (this.#points[i]!.firstRow <= committedEnd) found = i;
    if (found < 0) return null;
    this.#points.splice(0, found);
    const { frame, state } = this.#points[0]!;
    return { frame, state };
  }
}

/** Float32 tensors one after another, little-endian as the platform stores them. */
export function packState(tensors: readonly Float32Array[]): Uint8Array {
  const out = new Float32Array(tensors.reduce((n, t) => n + t.length, 0));
  let at = 0;
  for (const tensor of tensors) {
    out.set(tensor, at);
    at += tensor.length;
  }
  return new Uint8Array(out.buffer);
}

/** The inverse of packState for tensors of the given sizes; null when the blob does not fit them. */
export function unpackState(blob: Uint8Array, sizes: readonly number[]): Float32Array[] | null {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (blob.byteLength !== total * 4) return null;
  const all = new Float32Array(new Uint8Array(blob).buffer); // copied: the blob's offset need not be aligned
  let at = 0;
  return sizes.map((size) => {
    const tensor = all.slice(at, at + size);
    at += size;
    return tensor;
  });
}

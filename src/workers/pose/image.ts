/** Crop-and-resize of RGB24 frames into the models' int32 NHWC inputs. Runs in the pose worker. */
import type { Square } from './geometry.js';

/**
 * Samples the square `region` of an RGB24 frame into `out` (size × size × 3, int32 0–255),
 * bilinearly, as tf.image.cropAndResize does; pixels outside the frame are black.
 */
export function cropResize(rgb: Uint8Array, width: number, height: number, region: Square, size: number, out: Int32Array): Int32Array {
  const scale = region.side / size;
  const left = region.cx - region.side / 2;
  const top = region.cy - region.side / 2;
  const xs = samplePositions(left, scale, size, width);
  const ys = samplePositions(top, scale, size, height);
  let o = 0;
  for (let j = 0; j < size; j++) {
    const y0 = ys.i0[j]!;
    const y1 = ys.i1[j]!;
    const wy = ys.w[j]!;
    if (y0 < 0) {
      out.fill(0, o, o + size * 3);
      o += size * 3;
      continue;
    }
    const row0 = y0 * width * 3;
    const row1 = y1 * width * 3;
    for (let i = 0; i < size; i++) {
      const x0 = xs.i0[i]!;
      if (x0 < 0) {
        out[o] = 0;
        out[o + 1] = 0;
        out[o + 2] = 0;
        o += 3;
        continue;
      }
      const x1 = xs.i1[i]!;
      const wx = xs.w[i]!;
      for (let c = 0; c < 3; c++) {
        const top0 = rgb[row0 + x0 * 3 + c]!;
        const top1 = rgb[row0 + x1 * 3 + c]!;
        const bottom0 = rgb[row1 + x0 * 3 + c]!;
        const bottom1 = rgb[row1 + x1 * 3 + c]!;
        const t = top0 + (top1 - top0) * wx;
        const b = bottom0 + (bottom1 - bottom0) * wx;
        out[o + c] = Math.round(t + (b - t) * wy);
      }
      o += 3;
    }
  }
  return out;
}

/** For each output column (or row): the two source indices and the weight of the second; i0 = −1 outside the frame. */
function samplePositions(start: number, scale: number, size: number, limit: number): { i0: Int32Array; i1: Int32Array; w: Float32Array } {
  const i0 = new Int32Array(size);
  const i1 = new Int32Array(size);
  const w = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const p = start + (i + 0.5) * scale - 0.5; // pixel centres, as half-pixel resizing
    if (p < -0.5 || p > limit - 0.5) {
      i0[i] = -1;
      continue;
    }
    const clamped = Math.min(Math.max(p, 0), limit - 1);
    const f = Math.floor(clamped);
    i0[i] = f;
    i1[i] = Math.min(f + 1, limit - 1);
    w[i] = clamped - f;
  }
  return { i0, i1, w };
}

/**
 * A single-person MoveNet tracker for measuring the skeleton families on real clips before the
 * app's pose stage (src/main/core/pose) is wired in: MultiPose finds the most confident person,
 * the single-pose model refines the keypoints on a 1.25× square crop around them (Lightning or Thunder), and the next frame's crop
 * follows the confident keypoints. When the refined person scores too low, MultiPose looks again;
 * when it finds nobody, the frame has no person (every score 0), as for a lying person after a fall.
 * [Note: interim] The app's estimator does the same with multi-person tracking; this file only
 * serves models/skeleton/keypoints-cli.ts and goes once that estimator exists.
 */
import path from 'node:path';
import * as ort from 'onnxruntime-node';

const MODELS = path.resolve(import.meta.dirname, '../pose');
const LOST_SCORE = 0.2;

interface Square {
  cx: number;
  cy: number;
  side: number;
}

/** Bilinear crop of a square (may reach past the frame: black there) to size × size int32 RGB. */
function cropSquare(rgb: Buffer, width: number, height: number, sq: Square, size: number): Int32Array {
  const out = new Int32Array(size * size * 3);
  const step = sq.side / size;
  const x0 = sq.cx - sq.side / 2;
  const y0 = sq.cy - sq.side / 2;
  for (let oy = 0; oy < size; oy++) {
    const sy = y0 + (oy + 0.5) * step - 0.5;
    const iy = Math.floor(sy);
    const fy = sy - iy;
    for (let ox = 0; ox < size; ox++) {
      const sx = x0 + (ox + 0.5) * step - 0.5;
      const ix = Math.floor(sx);
      const fx = sx - ix;
      const inX0 = ix >= 0 && ix < width;
      const inX1 = ix + 1 >= 0 && ix + 1 < width;
      const inY0 = iy >= 0 && iy < height;
      const inY1 = iy + 1 >= 0 && iy + 1 < height;
      const w00 = inX0 && inY0 ? (1 - fx) * (1 - fy) : 0;
      const w10 = inX1 && inY0 ? fx * (1 - fy) : 0;
      const w01 = inX0 && inY1 ? (1 - fx) * fy : 0;
      const w11 = inX1 && inY1 ? fx * fy : 0;
      const p00 = (iy * width + ix) * 3;
      const p01 = p00 + width * 3;
      for (let c = 0; c < 3; c++) {
        const v =
          (w00 ? w00 * (rgb[p00 + c] as number) : 0) + (w10 ? w10 * (rgb[p00 + 3 + c] as number) : 0) + (w01 ? w01 * (rgb[p01 + c] as number) : 0) + (w11 ? w11 * (rgb[p01 + 3 + c] as number) : 0);
        out[(oy * size + ox) * 3 + c] = Math.round(v);
      }
    }
  }
  return out;
}

export class MoveNetTracker {
  private square: Square | null = null;

  private constructor(
    private readonly single: ort.InferenceSession,
    private readonly size: number,
    private readonly multipose: ort.InferenceSession,
  ) {}

  static async create(model: 'lightning' | 'thunder'): Promise<MoveNetTracker> {
    const opts: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };
    const single = await ort.InferenceSession.create(path.join(MODELS, `movenet-${model}.onnx`), opts);
    const multipose = await ort.InferenceSession.create(path.join(MODELS, 'movenet-multipose.onnx'), opts);
    return new MoveNetTracker(single, model === 'lightning' ? 192 : 256, multipose);
  }

  /** The most confident person's square (1.25× their box) on the whole frame, or null. */
  private async detect(rgb: Buffer, width: number, height: number): Promise<Square | null> {
    const frame: Square = { cx: width / 2, cy: height / 2, side: Math.max(width, height) };
    const input = new ort.Tensor('int32', cropSquare(rgb, width, height, frame, 256), [1, 256, 256, 3]);
    const out = (await this.multipose.run({ input })).output!.data as Float32Array;
    let best = -1;
    for (let p = 0; p < 6; p++) if ((out[p * 56 + 55] as number) > LOST_SCORE && (best < 0 || (out[p * 56 + 55] as number) > (out[best * 56 + 55] as number))) best = p;
    if (best < 0) return null;
    const b = best * 56 + 51;
    const toX = (v: number): number => frame.cx - frame.side / 2 + v * frame.side;
    const toY = (v: number): number => frame.cy - frame.side / 2 + v * frame.side;
    const [y0, x0, y1, x1] = [toY(out[b] as number), toX(out[b + 1] as number), toY(out[b + 2] as number), toX(out[b + 3] as number)];
    return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, side: 1.25 * Math.max(x1 - x0, y1 - y0, 16) };
  }

  private async refine(rgb: Buffer, width: number, height: number, sq: Square): Promise<Float32Array> {
    const input = new ort.Tensor('int32', cropSquare(rgb, width, height, sq, this.size), [1, this.size, this.size, 3]);
    const out = (await this.single.run({ input })).output!.data as Float32Array;
    const kp = new Float32Array(51);
    for (let k = 0; k < 17; k++) {
      kp[k * 3] = sq.cx - sq.side / 2 + (out[k * 3 + 1] as number) * sq.side;
      kp[k * 3 + 1] = sq.cy - sq.side / 2 + (out[k * 3] as number) * sq.side;
      kp[k * 3 + 2] = out[k * 3 + 2] as number;
    }
    return kp;
  }

  /** Keypoints (x, y px, score) × 17 of the tracked person on this frame; all zeros when nobody is found. */
  async estimate(rgb: Buffer, width: number, height: number): Promise<Float32Array> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.square) this.square = await this.detect(rgb, width, height);
      if (!this.square) return new Float32Array(51);
      const kp = await this.refine(rgb, width, height, this.square);
      let sum = 0;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < 17; k++) {
        const s = kp[k * 3 + 2] as number;
        sum += s;
        if (s < 0.3) continue;
        x0 = Math.min(x0, kp[k * 3] as number);
        x1 = Math.max(x1, kp[k * 3] as number);
        y0 = Math.min(y0, kp[k * 3 + 1] as number);
        y1 = Math.max(y1, kp[k * 3 + 1] as number);
      }
      if (sum / 17 >= LOST_SCORE && x1 > x0) {
        this.square = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, side: Math.max(1.25 * Math.max(x1 - x0, y1 - y0), 32) };
        return kp;
      }
      this.square = null; // lost: look for the person again on the whole frame
    }
    return new Float32Array(51);
  }
}

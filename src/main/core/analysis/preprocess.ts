/**
 * Turning decoded RGB24 frames into the float tensors a model was trained on, as its manifest
 * says: size (ffmpeg scales; a centre crop happens here), colour order, value range, mean/std
 * and the layout's position of each channel plane. Pure and allocation-free per frame.
 */
import type { ModelManifest } from '../../../shared/manifest.js';

type PreprocessSpec = NonNullable<ModelManifest['preprocess']>;

/** What to ask decodeFrames for, and which part of its frames is the model's input. */
export interface DecodePlan {
  /** Decoded frame size (ffmpeg's scale filter, `stretch`). */
  width: number;
  height: number;
  interpolation: PreprocessSpec['interpolation'];
  /** Top-left corner of the model's width × height window in the decoded frame. */
  cropX: number;
  cropY: number;
}

/**
 * `stretch` decodes straight to the model size. `short-side-crop` decodes with the short side at
 * `shortSide` (the long side keeps the aspect ratio) and crops the centre here: ffmpeg's `cover`
 * resize would scale to the crop size instead, which is a different picture when shortSide is
 * larger than the crop (the usual 128 → 112 recipe). `direct-crop` decodes to
 * resizeWidth × resizeHeight whatever the aspect ratio (torchvision's VideoResNet: 171×128),
 * then crops the centre here too.
 */
export function planDecode(pre: PreprocessSpec, video: { width: number; height: number }): DecodePlan {
  const { width, height, interpolation } = pre;
  let decodedWidth: number;
  let decodedHeight: number;
  if (pre.resize === 'direct-crop' && pre.resizeWidth !== undefined && pre.resizeHeight !== undefined) {
    decodedWidth = Math.max(width, pre.resizeWidth);
    decodedHeight = Math.max(height, pre.resizeHeight);
  } else if (pre.resize === 'short-side-crop' && pre.shortSide !== undefined) {
    const scale = pre.shortSide / Math.min(video.width, video.height);
    // Never below the crop: rounding a long side down by a pixel must not lose the window.
    decodedWidth = Math.max(width, Math.round(video.width * scale));
    decodedHeight = Math.max(height, Math.round(video.height * scale));
  } else {
    return { width, height, interpolation, cropX: 0, cropY: 0 };
  }
  const offset = pre.cropOffset === 'round-half-even' ? roundHalfEven : Math.floor;
  return { width: decodedWidth, height: decodedHeight, interpolation, cropX: offset((decodedWidth - width) / 2), cropY: offset((decodedHeight - height) / 2) };
}

/** Python's round(): halves go to the even neighbour (torchvision's center_crop uses it). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Writes one frame's three channel planes into a float tensor. Per channel, a 256-entry table
 * maps a byte straight to ((value × range) − mean) / std, so the hot loop is one lookup and one
 * store per value. Mean and std are listed in the model's channel order (`colorOrder`).
 */
export class FramePacker {
  readonly width: number;
  readonly height: number;
  readonly #sourceWidth: number;
  readonly #cropX: number;
  readonly #cropY: number;
  readonly #tables: [Float32Array, Float32Array, Float32Array];
  /** Byte offset within an RGB24 pixel of the model's channel 0, 1, 2. */
  readonly #sourceChannel: [number, number, number];

  constructor(pre: PreprocessSpec, plan: DecodePlan) {
    this.width = pre.width;
    this.height = pre.height;
    this.#sourceWidth = plan.width;
    this.#cropX = plan.cropX;
    this.#cropY = plan.cropY;
    this.#sourceChannel = pre.colorOrder === 'RGB' ? [0, 1, 2] : [2, 1, 0];
    const scale = pre.valueRange === '0-1' ? 1 / 255 : 1;
    const table = (c: number) => Float32Array.from({ length: 256 }, (_, v) => (v * scale - pre.mean[c]!) / pre.std[c]!);
    this.#tables = [table(0), table(1), table(2)];
  }

  /** Values per channel plane. */
  get planeSize(): number {
    return this.width * this.height;
  }

  /**
   * Packs `rgb` (a decoded frame, RGB24, the plan's size) into `out`: channel c's plane starts at
   * `offset + c × planeStride`, rows contiguous. NCHW/NTCHW use planeStride = H×W; NCTHW uses T×H×W.
   */
  pack(rgb: Uint8Array, out: Float32Array, offset: number, planeStride: number): void {
    const { width, height } = this;
    const [t0, t1, t2] = this.#tables;
    const [s0, s1, s2] = this.#sourceChannel;
    const stride1 = planeStride;
    const stride2 = 2 * planeStride;
    for (let y = 0; y < height; y++) {
      let src = ((y + this.#cropY) * this.#sourceWidth + this.#cropX) * 3;
      let dst = offset + y * width;
      const rowEnd = dst + width;
      for (; dst < rowEnd; dst++, src += 3) {
        out[dst] = t0[rgb[src + s0]!]!;
        out[dst + stride1] = t1[rgb[src + s1]!]!;
        out[dst + stride2] = t2[rgb[src + s2]!]!;
      }
    }
  }
}

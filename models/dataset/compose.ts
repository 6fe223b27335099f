/**
 * Per-frame compositing: the backdrop seen through the camera (bilinear, 8-bit fixed point),
 * moving distractor shapes, then post-processing (slight blur, lighting, sensor noise). Integer
 * arithmetic throughout the per-pixel loops: fast and identical on every machine.
 */
import { randomShape, type Backdrop } from './background.js';
import type { Image, Rgb } from './raster.js';
import { Rng } from './rng.js';

/** Camera for one frame: world point (cx, cy) at the frame centre, zoom, and shake in pixels. */
export interface CameraFrame {
  cx: number;
  cy: number;
  zoom: number;
  shakeX: number;
  shakeY: number;
}

/** World (frame pixels at zoom 1) to screen. */
export function toScreenX(cam: CameraFrame, width: number, x: number): number {
  return width / 2 + (x - cam.cx) * cam.zoom + cam.shakeX;
}
export function toScreenY(cam: CameraFrame, height: number, y: number): number {
  return height / 2 + (y - cam.cy) * cam.zoom + cam.shakeY;
}

/**
 * Samples the backdrop through the camera. Keeps a copy of the canvas with its first column
 * repeated after the last, so the right-hand neighbour of any column needs no wrap-around test.
 */
export class BackdropSampler {
  private readonly src: Uint8Array;
  private readonly period: number;
  private readonly rows: number;
  private readonly stride: number;
  private readonly col0: Int32Array;
  private readonly colFrac: Int32Array;

  constructor(private readonly backdrop: Backdrop, width: number) {
    const img = backdrop.image;
    this.period = img.width;
    this.rows = img.height;
    this.stride = (img.width + 1) * 3;
    this.src = new Uint8Array(this.stride * img.height);
    for (let y = 0; y < img.height; y++) {
      this.src.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), y * this.stride);
      this.src.set(img.data.subarray(y * img.width * 3, y * img.width * 3 + 3), y * this.stride + img.width * 3);
    }
    this.col0 = new Int32Array(width);
    this.colFrac = new Int32Array(width);
  }

  draw(out: Image, cam: CameraFrame): void {
    const { width: W, height: H, data: dst } = out;
    const { period, stride } = this;
    const inv = 1 / cam.zoom;
    for (let x = 0; x < W; x++) {
      const fixed = Math.floor((cam.cx + (x + 0.5 - W / 2 - cam.shakeX) * inv - 0.5) * 256);
      this.col0[x] = ((((fixed >> 8) % period) + period) % period) * 3;
      this.colFrac[x] = fixed & 255;
    }
    for (let y = 0; y < H; y++) {
      const fixed = Math.floor((cam.cy + (y + 0.5 - H / 2 - cam.shakeY) * inv - 0.5 - this.backdrop.top) * 256);
      let iv = fixed >> 8;
      let fy = fixed & 255;
      if (iv < 0) [iv, fy] = [0, 0];
      else if (iv >= this.rows - 1) [iv, fy] = [this.rows - 2, 255];
      const r0 = iv * stride;
      if (cam.zoom === 1 && this.colFrac[0] === 0 && fy === 0) this.copyRow(dst, y * W * 3, r0, W);
      else this.scaledRow(dst, y * W * 3, r0, fy, W);
    }
  }

  /** Whole-pixel offset at zoom 1: plain copies, two when the row wraps around the canvas seam. */
  private copyRow(dst: Uint8Array, o: number, r0: number, W: number): void {
    let start = this.col0[0] as number;
    let done = 0;
    while (done < W) {
      const n = Math.min(W - done, this.period - start / 3);
      dst.set(this.src.subarray(r0 + start, r0 + start + n * 3), o + done * 3);
      done += n;
      start = 0;
    }
  }

  /** Sub-pixel camera positions and any zoom: per-column source positions and weights. */
  private scaledRow(dst: Uint8Array, o: number, r0: number, fy: number, W: number): void {
    const { src, stride, col0, colFrac } = this;
    const gy = 256 - fy;
    const r1 = r0 + stride;
    for (let x = 0; x < W; x++, o += 3) {
      const c0 = col0[x] as number;
      const fx = colFrac[x] as number;
      const gx = 256 - fx;
      // Unrolled over R, G, B: this loop runs for every pixel of every zooming frame.
      const a = r0 + c0;
      const c = r1 + c0;
      dst[o] = (((src[a] as number) * gx + (src[a + 3] as number) * fx) * gy + ((src[c] as number) * gx + (src[c + 3] as number) * fx) * fy + 32768) >> 16;
      dst[o + 1] = (((src[a + 1] as number) * gx + (src[a + 4] as number) * fx) * gy + ((src[c + 1] as number) * gx + (src[c + 4] as number) * fx) * fy + 32768) >> 16;
      dst[o + 2] = (((src[a + 2] as number) * gx + (src[a + 5] as number) * fx) * gy + ((src[c + 2] as number) * gx + (src[c + 5] as number) * fx) * fy + 32768) >> 16;
    }
  }
}

/** A non-human shape drifting (and bouncing) across the scene. */
export interface Distractor {
  x: number;
  y: number;
  vx: number;
  vy: number;
  size: number;
  colour: Rgb;
  /** Seed of the shape's look, so every frame draws the same shape. */
  shapeSeed: number;
}

/** Bounces a coordinate between 0 and span (a triangle wave). */
function bounce(value: number, span: number): number {
  const m = ((value % (2 * span)) + 2 * span) % (2 * span);
  return m <= span ? m : 2 * span - m;
}

export function drawDistractors(img: Image, list: readonly Distractor[], cam: CameraFrame, t: number, worldWidth: number, worldHeight: number): void {
  for (const d of list) {
    const x = toScreenX(cam, img.width, bounce(d.x + d.vx * t, worldWidth));
    const y = toScreenY(cam, img.height, bounce(d.y + d.vy * t, worldHeight));
    const rng = new Rng(d.shapeSeed);
    randomShape(img, rng, x, y, d.size * cam.zoom, d.colour);
  }
}

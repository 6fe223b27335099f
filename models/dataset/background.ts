/**
 * Scene backgrounds, rendered once per item onto a canvas that repeats horizontally (so a camera
 * following a runner can pan forever) and extends above and below the frame (zoom and shake).
 * Kinds follow the spec: flat, gradient, noise texture, stripes, random shapes; a floor below the
 * figure's ground line is added to some of them.
 */
import { hsv, jitter } from './appearance.js';
import { TAU, cos, fract, sin, smoothstep } from './detmath.js';
import { createImage, fillBox, fillCapsule, fillImage, fillTriangle, type Image, type Rgb } from './raster.js';
import type { Rng } from './rng.js';

export const BACKGROUND_KINDS = ['flat', 'gradient', 'noise', 'stripes', 'shapes'] as const;
export type BackgroundKind = (typeof BACKGROUND_KINDS)[number];

export interface Backdrop {
  image: Image;
  /** World y (frame pixels at zoom 1) of the canvas's first row; x repeats every image.width. */
  top: number;
  kind: BackgroundKind;
  floor: boolean;
  /** Mean colour, for keeping the figure distinguishable from it. */
  mean: Rgb;
}

function randomColour(rng: Rng): Rgb {
  return hsv(rng.float(), rng.range(0, 0.7), rng.range(0.15, 0.95));
}

/** Writes mix(a, b, t) into pixel i without allocating (this runs for every canvas pixel). */
function mixInto(d: Uint8Array, i: number, a: Rgb, b: Rgb, t: number): void {
  d[i] = Math.round(a[0] + (b[0] - a[0]) * t);
  d[i + 1] = Math.round(a[1] + (b[1] - a[1]) * t);
  d[i + 2] = Math.round(a[2] + (b[2] - a[2]) * t);
}

function setPixel(d: Uint8Array, i: number, c: Rgb): void {
  d[i] = c[0];
  d[i + 1] = c[1];
  d[i + 2] = c[2];
}

function gradient(img: Image, rng: Rng): void {
  const a = randomColour(rng);
  const b = randomColour(rng);
  const horizontalWaves = rng.int(0, 3); // periodic across the canvas so it still tiles
  const wave = new Float64Array(img.width);
  for (let x = 0; x < img.width; x++) wave[x] = horizontalWaves > 0 ? 0.25 * (1 - Math.abs(2 * fract((x * horizontalWaves) / img.width) - 1)) : 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) mixInto(img.data, (y * img.width + x) * 3, a, b, Math.min(1, y / img.height + (wave[x] as number)));
  }
}

/** Value noise on a lattice that wraps in x, a few octaves, mapped onto a two or three colour ramp. */
function noise(img: Image, rng: Rng): void {
  const colours = [randomColour(rng), randomColour(rng), rng.chance(0.5) ? randomColour(rng) : randomColour(rng)];
  const field = new Float32Array(img.width * img.height);
  let amplitude = 1;
  let total = 0;
  let cells = rng.int(3, 10);
  const octaves = rng.int(2, 4);
  for (let o = 0; o < octaves; o++, cells *= 2, amplitude *= 0.5) {
    const cellSize = img.width / cells;
    const rows = Math.ceil(img.height / cellSize) + 2;
    const lattice = new Float32Array(cells * rows);
    for (let i = 0; i < lattice.length; i++) lattice[i] = rng.float();
    for (let y = 0; y < img.height; y++) {
      const gy = y / cellSize;
      const iy = Math.floor(gy);
      const fy = smoothstep(0, 1, gy - iy);
      for (let x = 0; x < img.width; x++) {
        const gx = x / cellSize;
        const ix = Math.floor(gx);
        const fx = smoothstep(0, 1, gx - ix);
        const x0 = ix % cells;
        const x1 = (ix + 1) % cells;
        const v00 = lattice[iy * cells + x0] as number;
        const v01 = lattice[iy * cells + x1] as number;
        const v10 = lattice[(iy + 1) * cells + x0] as number;
        const v11 = lattice[(iy + 1) * cells + x1] as number;
        const top = v00 + (v01 - v00) * fx;
        const bottom = v10 + (v11 - v10) * fx;
        field[y * img.width + x] = (field[y * img.width + x] as number) + amplitude * (top + (bottom - top) * fy);
      }
    }
    total += amplitude;
  }
  for (let i = 0; i < field.length; i++) {
    const v = (field[i] as number) / total;
    if (v < 0.5) mixInto(img.data, i * 3, colours[0] as Rgb, colours[1] as Rgb, smoothstep(0.2, 0.5, v));
    else mixInto(img.data, i * 3, colours[1] as Rgb, colours[2] as Rgb, smoothstep(0.5, 0.8, v));
  }
}

function stripes(img: Image, rng: Rng): void {
  const a = randomColour(rng);
  const b = rng.chance(0.5) ? jitter(a, rng, 70) : randomColour(rng);
  const count = rng.int(4, 40); // whole stripes across the canvas: it still tiles
  const slope = rng.chance(0.4) ? 0 : rng.range(-1.5, 1.5) / img.height;
  const horizontal = rng.chance(0.25);
  const duty = rng.range(0.3, 0.7);
  const rows = rng.int(4, 30) / img.height;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const phase = horizontal ? fract(y * rows) : fract((x * count) / img.width + y * slope * count);
      setPixel(img.data, (y * img.width + x) * 3, phase < duty ? a : b);
    }
  }
}

/** Draws with horizontal wrap-around, so shapes crossing the seam continue on the other side. */
export function wrapped(img: Image, draw: (dx: number) => void): void {
  draw(0);
  draw(-img.width);
  draw(img.width);
}

/** One random non-human shape (disc, box, triangle or bar) of about `size` pixels, centred at (x, y). */
export function randomShape(img: Image, rng: Rng, x: number, y: number, size: number, c: Rgb): void {
  const kind = rng.int(0, 3);
  const [rc, rs] = ROTATIONS[rng.int(0, ROTATIONS.length - 1)] as [number, number];
  if (kind === 0) fillCapsule(img, x, y, size / 2, x, y, size / 2, c);
  else if (kind === 1) fillBox(img, x, y, size / 2, (size / 2) * rng.range(0.3, 1), rc, rs, c);
  else if (kind === 2) fillTriangle(img, [x + rc * size * 0.6, y + rs * size * 0.6, x - rs * size * 0.5, y + rc * size * 0.5, x + rs * size * 0.5, y - rc * size * 0.5], c);
  else fillCapsule(img, x - rc * size * 0.6, y - rs * size * 0.6, size * 0.12, x + rc * size * 0.6, y + rs * size * 0.6, size * 0.12, c);
}

/** 64 rotations (cosine, sine). */
const ROTATIONS: readonly [number, number][] = Array.from({ length: 64 }, (_, i) => [cos((i / 64) * TAU), sin((i / 64) * TAU)]);

function shapes(img: Image, rng: Rng): void {
  const base = randomColour(rng);
  fillImage(img, base);
  const count = rng.int(8, 40);
  for (let i = 0; i < count; i++) {
    const size = rng.range(0.04, 0.35) * img.height;
    const x = rng.range(0, img.width);
    const y = rng.range(0, img.height);
    const c = rng.chance(0.5) ? jitter(base, rng, 80) : randomColour(rng);
    const shapeRng = rng.fork('shape');
    wrapped(img, (dx) => randomShape(img, shapeRng.fork('copy'), x + dx, y, size, c));
  }
}

function floor(img: Image, rng: Rng, groundRow: number): void {
  const a = randomColour(rng);
  const b = jitter(a, rng, 40);
  const start = Math.max(0, Math.floor(groundRow + rng.range(-0.02, 0.02) * img.height));
  for (let y = start; y < img.height; y++) {
    const t = (y - start) / Math.max(1, img.height - start);
    for (let x = 0; x < img.width; x++) mixInto(img.data, (y * img.width + x) * 3, a, b, t);
  }
}

function meanColour(img: Image): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i += 3) {
    r += d[i] as number;
    g += d[i + 1] as number;
    b += d[i + 2] as number;
  }
  const n = d.length / 3;
  return [Math.round(r / n), Math.round(g / n), Math.round(b / n)];
}

/** The backdrop for a frame of width × height whose figure stands on the line y = groundY. */
export function makeBackdrop(rng: Rng, width: number, height: number, groundY: number): Backdrop {
  const image = createImage(width * 2, Math.ceil(height * 1.3));
  const top = -Math.floor(height * 0.15);
  const kind = rng.pick(BACKGROUND_KINDS);
  if (kind === 'flat') fillImage(image, randomColour(rng));
  else if (kind === 'gradient') gradient(image, rng);
  else if (kind === 'noise') noise(image, rng);
  else if (kind === 'stripes') stripes(image, rng);
  else shapes(image, rng);
  const hasFloor = kind !== 'stripes' && rng.chance(0.45);
  if (hasFloor) floor(image, rng, groundY - top);
  return { image, top, kind, floor: hasFloor, mean: meanColour(image) };
}

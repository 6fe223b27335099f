/**
 * What a camera does to the picture: slight blur, brightness/contrast/colour balance, Gaussian
 * sensor noise. Lighting is a per-frame lookup table and noise comes from a fixed table of
 * normal deviates (fixed-point), so one integer pass does both.
 */
import { deriveSeed, Rng } from './rng.js';

const NOISE_BITS = 18; // 262,144 entries: more than the samples of a 320x240 frame
const NOISE_MASK = (1 << NOISE_BITS) - 1;
let noiseTable: Int16Array | null = null;

/** Standard normal deviates × 64, the same for every process (fixed seed). */
function normalTable(): Int16Array {
  if (noiseTable) return noiseTable;
  const rng = new Rng(deriveSeed('actionlens-noise-table', 1));
  const table = new Int16Array(1 << NOISE_BITS);
  for (let i = 0; i < table.length; i++) table[i] = Math.round(rng.gauss() * 64);
  noiseTable = table;
  return table;
}

/** [1, 2, 1] / 4 horizontally then vertically, in place (`tmp` is scratch of the same size). */
export function blur121(data: Uint8Array, tmp: Uint8Array, width: number, height: number): void {
  const row = width * 3;
  for (let y = 0; y < height; y++) {
    const o = y * row;
    // Edge pixels repeat themselves; the interior loop needs no bounds checks.
    for (let k = 0; k < 3; k++) {
      tmp[o + k] = (3 * (data[o + k] as number) + (data[o + k + 3] as number) + 2) >> 2;
      const e = o + row - 3 + k;
      tmp[e] = (3 * (data[e] as number) + (data[e - 3] as number) + 2) >> 2;
    }
    for (let x = o + 3, end = o + row - 3; x < end; x++) {
      tmp[x] = ((data[x - 3] as number) + 2 * (data[x] as number) + (data[x + 3] as number) + 2) >> 2;
    }
  }
  for (let y = 0; y < height; y++) {
    const up = (y > 0 ? y - 1 : y) * row;
    const mid = y * row;
    const down = (y < height - 1 ? y + 1 : y) * row;
    for (let x = 0; x < row; x++) {
      data[mid + x] = ((tmp[up + x] as number) + 2 * (tmp[mid + x] as number) + (tmp[down + x] as number) + 2) >> 2;
    }
  }
}

export interface Lighting {
  /** Added after contrast, in 8-bit levels. */
  brightness: number;
  /** Multiplies the distance from mid-grey. */
  contrast: number;
  /** Per-channel gains (white balance). */
  gains: readonly [number, number, number];
}

/** 3 × 256 lookup: channel k of value v maps to lut[k * 256 + v]. */
export function lightingLut(l: Lighting, out: Int16Array): Int16Array {
  for (let k = 0; k < 3; k++) {
    const gain = l.gains[k] as number;
    for (let v = 0; v < 256; v++) out[k * 256 + v] = Math.round(((v - 128) * l.contrast + 128 + l.brightness) * gain);
  }
  return out;
}

/** The shared normal table scaled to `sigma` levels once per item (so no multiply per sample). */
export function scaledNoise(sigma: number): Int16Array | null {
  if (sigma <= 0) return null;
  const table = normalTable();
  const scale = Math.round(sigma * 64); // (N × 64) × (σ × 64) >> 12 = N × σ
  const out = new Int16Array(table.length);
  for (let i = 0; i < table.length; i++) out[i] = ((table[i] as number) * scale + 2048) >> 12;
  return out;
}

/**
 * Writes the finished frame into `out` (clamped to 0..255): lighting from `lut`, plus noise from
 * `noise` (see scaledNoise) read at a per-frame offset and odd stride.
 */
export function finishFrame(src: Uint8Array, out: Uint8ClampedArray, lut: Int16Array, noise: Int16Array | null, frameSeed: number): void {
  const n = src.length;
  if (!noise) {
    for (let i = 0; i < n; i += 3) {
      out[i] = lut[src[i] as number] as number;
      out[i + 1] = lut[256 + (src[i + 1] as number)] as number;
      out[i + 2] = lut[512 + (src[i + 2] as number)] as number;
    }
    return;
  }
  let j = frameSeed & NOISE_MASK;
  const step = ((frameSeed >>> NOISE_BITS) | 1) & NOISE_MASK; // odd: visits the whole table
  for (let i = 0; i < n; i += 3) {
    out[i] = (lut[src[i] as number] as number) + (noise[j] as number);
    j = (j + step) & NOISE_MASK;
    out[i + 1] = (lut[256 + (src[i + 1] as number)] as number) + (noise[j] as number);
    j = (j + step) & NOISE_MASK;
    out[i + 2] = (lut[512 + (src[i + 2] as number)] as number) + (noise[j] as number);
    j = (j + step) & NOISE_MASK;
  }
}

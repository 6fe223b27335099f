/** Colours of the figure: skin, hair, clothing, each part varied, kept distinct from the background. */
import type { Rgb } from './raster.js';
import type { Rng } from './rng.js';

export type PartColour = 'skin' | 'hair' | 'shirt' | 'sleeve' | 'forearm' | 'trousers' | 'shin' | 'shoe';

export interface Appearance {
  colours: Record<PartColour, Rgb>;
  hair: 'short' | 'long' | 'none';
  /** Far-side limbs are darkened by this factor (0..256), a depth cue. */
  farShade: number;
}

/** HSV (h in turns, s and v in 0..1) to 8-bit RGB, rounded the same way everywhere. */
export function hsv(h: number, s: number, v: number): Rgb {
  const hh = (h - Math.floor(h)) * 6;
  const i = Math.floor(hh);
  const f = hh - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  const [r, g, b] = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][i % 6] as [number, number, number];
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

/** Skin tones from light to dark (approximate Fitzpatrick range). */
const SKIN: readonly Rgb[] = [
  [255, 224, 196],
  [241, 194, 160],
  [224, 172, 128],
  [198, 140, 100],
  [161, 107, 72],
  [120, 78, 52],
  [90, 58, 40],
  [64, 42, 30],
];

export function jitter(c: Rgb, rng: Rng, amount: number): Rgb {
  const j = (v: number): number => Math.max(0, Math.min(255, Math.round(v + rng.range(-amount, amount))));
  return [j(c[0]), j(c[1]), j(c[2])];
}

export function luma(c: Rgb): number {
  return (c[0] * 77 + c[1] * 150 + c[2] * 29) >> 8;
}

function distance(a: Rgb, b: Rgb): number {
  return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
}

function clothing(rng: Rng): Rgb {
  // Mostly muted everyday colours, sometimes saturated ones.
  return rng.chance(0.3) ? hsv(rng.float(), rng.range(0.6, 1), rng.range(0.5, 1)) : hsv(rng.float(), rng.range(0, 0.55), rng.range(0.12, 0.95));
}

/**
 * A figure's colours. `background` is the scene's mean colour: clothing that would melt into it is
 * drawn again (a few tries), because a figure the model cannot see teaches it nothing.
 */
export function sampleAppearance(rng: Rng, background: Rgb): Appearance {
  const skin = jitter(rng.pick(SKIN), rng, 12);
  const pickVisible = (): Rgb => {
    let best = clothing(rng);
    for (let i = 0; i < 8 && distance(best, background) < 150; i++) {
      const next = clothing(rng);
      if (distance(next, background) > distance(best, background)) best = next;
    }
    return best;
  };
  const shirt = pickVisible();
  const trousers = pickVisible();
  const longSleeves = rng.chance(0.5);
  const longTrousers = rng.chance(0.75);
  // Now and then every part gets its own colour, so models cannot rely on uniform clothing.
  const patchwork = rng.chance(0.2);
  const part = (base: Rgb): Rgb => (patchwork ? pickVisible() : jitter(base, rng, 10));
  const hairColour = rng.chance(0.8) ? hsv(rng.range(0.02, 0.12), rng.range(0.3, 0.8), rng.range(0.08, 0.6)) : hsv(0, 0, rng.range(0.6, 0.9));
  return {
    colours: {
      skin,
      hair: hairColour,
      shirt,
      sleeve: part(shirt),
      forearm: longSleeves ? part(shirt) : jitter(skin, rng, 6),
      trousers,
      shin: longTrousers ? part(trousers) : jitter(skin, rng, 6),
      shoe: rng.chance(0.5) ? hsv(0, 0, rng.range(0.05, 0.3)) : clothing(rng),
    },
    hair: rng.pick(['short', 'short', 'long', 'none'] as const),
    farShade: Math.round(rng.range(0.7, 0.85) * 256),
  };
}

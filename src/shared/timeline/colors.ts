/**
 * Class colours that stay legible on the dark theme and distinct for the classes actually on
 * screen, for models of a few classes up to 400. A model with at most PALETTE.length classes
 * keeps one colour per class index (the same colour in every run and screenshot). Bigger models
 * colour the classes present in the run by rank: the first ones get the palette, the rest
 * well-spread hues (golden angle) at alternating lightness.
 */
export const PALETTE = [
  '#4e9bf5', '#f28e2b', '#59c26a', '#e15759', '#b07aa1', '#edc948', '#76d7d0', '#ff9da7',
  '#a0cbe8', '#9c755f', '#c5e36f', '#d37dd9', '#8ca0ff', '#f5b971', '#6fd39b', '#d9d9d9',
] as const;

export const NO_CLASS_COLOR = '#3a3f46';

export function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The colour of the `rank`-th class beyond the palette. */
export function generatedColor(rank: number): string {
  const hue = (rank * 137.508) % 360;
  const lightness = [0.68, 0.58, 0.78][rank % 3] as number;
  return hslHex(hue, 0.62, lightness);
}

/** Colour per class index for a model of `classCount` classes, given the classes present (any order, repeats allowed). */
export function assignColors(classCount: number, present: Iterable<number>): Map<number, string> {
  const colors = new Map<number, string>();
  if (classCount <= PALETTE.length) {
    for (let c = 0; c < classCount; c++) colors.set(c, PALETTE[c] as string);
    return colors;
  }
  const ranked = [...new Set(present)].filter((c) => c >= 0).sort((a, b) => a - b);
  ranked.forEach((c, rank) => colors.set(c, rank < PALETTE.length ? (PALETTE[rank] as string) : generatedColor(rank - PALETTE.length)));
  return colors;
}

export const colorOf = (colors: Map<number, string>, classIndex: number): string => colors.get(classIndex) ?? NO_CLASS_COLOR;

/** Relative luminance (sRGB), to pick black or white text on a colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export const textOn = (hex: string): string => (luminance(hex) > 0.3 ? '#111317' : '#f4f6f8');

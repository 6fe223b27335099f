/**
 * Is model A's accuracy different from model B's on the same clips? McNemar's test on the clips
 * one gets right and the other wrong, and seeded bootstrap confidence intervals on top-1.
 */
import type { BootstrapResult, Interval, McNemarResult } from '../../../../shared/eval.js';

export type { BootstrapResult, Interval, McNemarResult };

/** Below this many discordant clips the exact binomial test is used (the chi-square approximation is poor there). */
export const EXACT_BELOW = 25;

/** Complementary error function (Numerical Recipes' erfc, fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided P(X ≤ k or X ≥ n − k) for X ~ Binomial(n, 1/2), k ≤ n/2. */
function binomialTwoSided(k: number, n: number): number {
  let term = Math.pow(0.5, n);
  let tail = term;
  for (let i = 1; i <= k; i++) {
    term *= (n - i + 1) / i;
    tail += term;
  }
  return Math.min(1, 2 * tail);
}

export function mcnemar(aCorrect: readonly boolean[], bCorrect: readonly boolean[]): McNemarResult {
  if (aCorrect.length !== bCorrect.length) throw new Error(`mcnemar: ${aCorrect.length} vs ${bCorrect.length} clips`);
  let aOnly = 0;
  let bOnly = 0;
  aCorrect.forEach((a, i) => {
    if (a && !bCorrect[i]) aOnly++;
    if (!a && bCorrect[i]) bOnly++;
  });
  const n = aOnly + bOnly;
  if (n < EXACT_BELOW) return { aOnly, bOnly, method: 'exact-binomial', statistic: null, pValue: n === 0 ? 1 : binomialTwoSided(Math.min(aOnly, bOnly), n) };
  const statistic = (Math.abs(aOnly - bOnly) - 1) ** 2 / n;
  // Chi-square with one degree of freedom: P(X > s) = erfc(sqrt(s / 2)).
  return { aOnly, bOnly, method: 'chi-square-cc', statistic, pValue: erfc(Math.sqrt(statistic / 2)) };
}

/** mulberry32: a small, fast, seedable generator (the same seed gives the same intervals). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** numpy.percentile's default (linear) on sorted values, q in 0..100. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}


export function bootstrapTop1(aCorrect: readonly boolean[], bCorrect: readonly boolean[], { resamples = 2000, seed = 14, confidence = 0.95 } = {}): BootstrapResult {
  const n = aCorrect.length;
  const random = seededRandom(seed);
  const as: number[] = [];
  const bs: number[] = [];
  const ds: number[] = [];
  for (let r = 0; r < resamples && n > 0; r++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      if (aCorrect[k]) a++;
      if (bCorrect[k]) b++;
    }
    as.push((100 * a) / n);
    bs.push((100 * b) / n);
    ds.push((100 * (a - b)) / n);
  }
  const tail = (100 * (1 - confidence)) / 2;
  const interval = (values: number[]): Interval => {
    values.sort((x, y) => x - y);
    return { low: percentile(values, tail), high: percentile(values, 100 - tail) };
  };
  return { resamples, seed, confidence, a: interval(as), b: interval(bs), difference: interval(ds) };
}

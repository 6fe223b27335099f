/**
 * Clip-level classification metrics: one true class and one score vector per clip.
 * Percentages are 0..100 like models/training/metrics.py, so the two can be compared directly.
 */

export interface PerClassMetrics {
  /** Clips whose truth is this class. */
  support: number;
  /** Clips predicted (top-1) as this class. */
  predicted: number;
  /** null when nothing was predicted as this class (0/0). */
  precision: number | null;
  /** null when no clip has this class (0/0). */
  recall: number | null;
  /** 2tp / (2tp + fp + fn); null when the class is neither true nor predicted anywhere. */
  f1: number | null;
}

export interface ClipMetrics {
  clips: number;
  top1: number;
  top5: number;
  /** Mean of per-class recall over the classes that have clips (empty classes are left out, as in the recipe). */
  meanClassAccuracy: number;
  /** matrix[true][predicted] */
  confusion: number[][];
  perClass: PerClassMetrics[];
}

/**
 * [Note: ties] The predicted class is the first highest score (numpy's argmax). For top-k the
 * classes are ranked by score, then by index: a class tied with the truth but of a lower index
 * ranks before it, so ties never favour the truth.
 */
export function argmax(scores: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}

/** 0-based rank of `cls` when the classes are sorted by score (descending), then index. */
export function rankOf(scores: ArrayLike<number>, cls: number): number {
  const own = scores[cls]!;
  let rank = 0;
  for (let c = 0; c < scores.length; c++) if (scores[c]! > own || (scores[c] === own && c < cls)) rank++;
  return rank;
}

export function confusionMatrix(truth: readonly number[], predicted: readonly number[], classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  truth.forEach((t, i) => matrix[t]![predicted[i]!]!++);
  return matrix;
}

export function meanClassAccuracy(matrix: readonly (readonly number[])[]): number {
  const recalls = matrix.flatMap((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total > 0 ? [row[c]! / total] : [];
  });
  return recalls.length ? (100 * recalls.reduce((a, b) => a + b, 0)) / recalls.length : 0;
}

export function perClassMetrics(matrix: readonly (readonly number[])[]): PerClassMetrics[] {
  return matrix.map((row, c) => {
    const tp = row[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, r) => sum + r[c]!, 0);
    const fp = predicted - tp;
    const fn = support - tp;
    return {
      support,
      predicted,
      precision: predicted > 0 ? (100 * tp) / predicted : null,
      recall: support > 0 ? (100 * tp) / support : null,
      f1: support + predicted > 0 ? (100 * 2 * tp) / (2 * tp + fp + fn) : null,
    };
  });
}

/** `truth[i]` is clip i's class; `scores[i]` its class scores (e.g. mean per-frame probabilities). */
export function clipMetrics(truth: readonly number[], scores: readonly ArrayLike<number>[], classes: number): ClipMetrics {
  if (truth.length !== scores.length) throw new Error(`clipMetrics: ${truth.length} truths but ${scores.length} score vectors`);
  const predicted = scores.map(argmax);
  const confusion = confusionMatrix(truth, predicted, classes);
  const n = truth.length;
  const hits = (k: number) => truth.filter((t, i) => rankOf(scores[i]!, t) < k).length;
  return {
    clips: n,
    top1: n ? (100 * hits(1)) / n : 0,
    top5: n ? (100 * hits(5)) / n : 0,
    meanClassAccuracy: n ? meanClassAccuracy(confusion) : 0,
    confusion,
    perClass: perClassMetrics(confusion),
  };
}

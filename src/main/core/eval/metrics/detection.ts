/**
 * Temporal action detection: mean average precision at temporal IoU thresholds, as ActivityNet's
 * evaluation (Heilbron et al.; Evaluation/eval_detection.py) defines it: per class, predictions
 * by descending score each take the unmatched true segment of highest tIoU in their video when
 * it reaches the threshold; AP is the area under the interpolated precision/recall curve.
 */

export interface TimeSegment {
  /** Which video the segment belongs to. */
  video: string;
  label: string;
  start: number;
  end: number;
}

export interface ScoredSegment extends TimeSegment {
  score: number;
}

/** 0.3, 0.4, …, 0.7 (ActivityNet reports 0.5:0.05:0.95; THUMOS-style 0.3:0.1:0.7 is asked for here). */
export const TIOU_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7] as const;

/** Intersection over union of two [start, end] spans; 0 when both are empty (no division by zero). */
export function temporalIou(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = a.end - a.start + (b.end - b.start) - inter;
  return union > 0 ? inter / union : 0;
}

/** ActivityNet's interpolated_prec_rec: precision made monotone from the right, summed over recall steps. */
export function interpolatedAp(precision: readonly number[], recall: readonly number[]): number {
  const mprec = [0, ...precision, 0];
  const mrec = [0, ...recall, 1];
  for (let i = mprec.length - 2; i >= 0; i--) mprec[i] = Math.max(mprec[i]!, mprec[i + 1]!);
  let ap = 0;
  for (let i = 1; i < mrec.length; i++) if (mrec[i] !== mrec[i - 1]) ap += (mrec[i]! - mrec[i - 1]!) * mprec[i]!;
  return ap;
}

/** AP of one class at each threshold; predictions and truth are that class's only. Score ties keep input order. */
export function averagePrecision(truth: readonly TimeSegment[], predictions: readonly ScoredSegment[], thresholds: readonly number[]): number[] {
  if (truth.length === 0) return thresholds.map(() => 0);
  const byVideo = new Map<string, number[]>();
  truth.forEach((t, i) => byVideo.set(t.video, [...(byVideo.get(t.video) ?? []), i]));
  const order = predictions.map((_, i) => i).sort((a, b) => predictions[b]!.score - predictions[a]!.score);
  return thresholds.map((threshold) => {
    const locked = new Array<boolean>(truth.length).fill(false);
    const precision: number[] = [];
    const recall: number[] = [];
    let tp = 0;
    let fp = 0;
    for (const p of order.map((i) => predictions[i]!)) {
      const candidates = (byVideo.get(p.video) ?? [])
        .map((k) => ({ k, iou: temporalIou(p, truth[k]!) }))
        .sort((a, b) => b.iou - a.iou);
      const hit = candidates.find((c) => c.iou >= threshold && !locked[c.k]);
      // ActivityNet stops at the first candidate below the threshold; sorted by IoU, `find` is the same.
      if (hit) {
        locked[hit.k] = true;
        tp++;
      } else fp++;
      precision.push(tp / (tp + fp));
      recall.push(tp / truth.length);
    }
    return interpolatedAp(precision, recall);
  });
}

export interface DetectionMetrics {
  thresholds: number[];
  /** mAP (0..100) at each threshold, averaged over the classes that have true segments. */
  mapAt: number[];
  /** Mean of mapAt. */
  averageMap: number;
  /** AP (0..100) per class (classes with true segments) at each threshold. */
  perClass: Record<string, number[]>;
  /** Classes predicted but absent from the truth: ignored, as ActivityNet does. */
  ignoredClasses: string[];
}

export function detectionMetrics(truth: readonly TimeSegment[], predictions: readonly ScoredSegment[], thresholds: readonly number[] = TIOU_THRESHOLDS): DetectionMetrics {
  const classes = [...new Set(truth.map((t) => t.label))].sort();
  const perClass: Record<string, number[]> = {};
  for (const label of classes) {
    perClass[label] = averagePrecision(truth.filter((t) => t.label === label), predictions.filter((p) => p.label === label), thresholds).map((ap) => 100 * ap);
  }
  const mapAt = thresholds.map((_, i) => (classes.length ? classes.reduce((sum, c) => sum + perClass[c]![i]!, 0) / classes.length : 0));
  return {
    thresholds: [...thresholds],
    mapAt,
    averageMap: mapAt.length ? mapAt.reduce((a, b) => a + b, 0) / mapAt.length : 0,
    perClass,
    ignoredClasses: [...new Set(predictions.map((p) => p.label))].filter((l) => !classes.includes(l)).sort(),
  };
}

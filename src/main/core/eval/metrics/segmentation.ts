/**
 * Temporal action segmentation metrics of MS-TCN (Farha & Gall, 2019) on per-frame label
 * sequences: frame accuracy, edit score, F1@{10,25,50}. A line-by-line port of
 * models/training/metrics.py (test/main/eval/python-parity.test.ts checks they agree).
 */

/** A run of equal labels: [start, end) in frames. */
export interface LabelRun {
  label: number;
  start: number;
  end: number;
}

export function runsOf(labels: ArrayLike<number>): LabelRun[] {
  const runs: LabelRun[] = [];
  for (let i = 0; i < labels.length; i++) {
    const last = runs.at(-1);
    if (last && last.label === labels[i]) last.end = i + 1;
    else runs.push({ label: labels[i]!, start: i, end: i + 1 });
  }
  return runs;
}

/** 100 × (1 − Levenshtein distance between the run label sequences / the longer length). */
export function editScore(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const a = runsOf(truth).map((r) => r.label);
  const b = runsOf(predicted).map((r) => r.label);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return 100 * (1 - previous[b.length]! / Math.max(a.length, b.length, 1));
}

/**
 * (true positives, false positives, false negatives) at an IoU threshold. Each predicted run
 * takes the true run of its label with the highest IoU (the first on ties); a true run counts once.
 */
export function f1Counts(truth: ArrayLike<number>, predicted: ArrayLike<number>, overlap: number): { tp: number; fp: number; fn: number } {
  const trueRuns = runsOf(truth);
  const matched = new Array<boolean>(trueRuns.length).fill(false);
  let tp = 0;
  let fp = 0;
  for (const p of runsOf(predicted)) {
    let best = -1;
    let bestIou = 0;
    trueRuns.forEach((t, k) => {
      if (t.label !== p.label) return;
      const inter = Math.max(0, Math.min(p.end, t.end) - Math.max(p.start, t.start));
      const union = Math.max(p.end, t.end) - Math.min(p.start, t.start);
      const iou = inter / union;
      if (iou > bestIou) [best, bestIou] = [k, iou];
    });
    if (best >= 0 && bestIou >= overlap && !matched[best]) {
      tp++;
      matched[best] = true;
    } else fp++;
  }
  return { tp, fp, fn: matched.filter((m) => !m).length };
}

export const F1_OVERLAPS = [0.1, 0.25, 0.5] as const;

export interface SegmentationMetrics {
  sequences: number;
  frames: number;
  frameAccuracy: number;
  /** Mean over sequences. */
  edit: number;
  /** Keys "10", "25", "50": F1 over the pooled counts of all sequences. */
  f1: Record<'10' | '25' | '50', number>;
}

export function segmentationMetrics(pairs: readonly { truth: ArrayLike<number>; predicted: ArrayLike<number> }[]): SegmentationMetrics {
  let correct = 0;
  let frames = 0;
  for (const { truth, predicted } of pairs) {
    if (truth.length !== predicted.length) throw new Error(`segmentationMetrics: ${truth.length} true frames but ${predicted.length} predicted`);
    for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
    frames += truth.length;
  }
  const f1 = {} as Record<'10' | '25' | '50', number>;
  for (const overlap of F1_OVERLAPS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { truth, predicted } of pairs) {
      const c = f1Counts(truth, predicted, overlap);
      [tp, fp, fn] = [tp + c.tp, fp + c.fp, fn + c.fn];
    }
    const precision = tp / Math.max(tp + fp, 1);
    const recall = tp / Math.max(tp + fn, 1);
    f1[String(Math.round(overlap * 100)) as '10'] = (100 * 2 * precision * recall) / Math.max(precision + recall, 1e-9);
  }
  const edits = pairs.map(({ truth, predicted }) => editScore(truth, predicted));
  return {
    sequences: pairs.length,
    frames,
    frameAccuracy: (100 * correct) / Math.max(frames, 1),
    edit: edits.length ? edits.reduce((a, b) => a + b, 0) / edits.length : 0,
    f1,
  };
}

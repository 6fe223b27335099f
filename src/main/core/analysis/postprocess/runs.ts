/**
 * Runs of equal labels and the minimum-duration rule.
 *
 * A run is a maximal stretch of frames with one label; frames labelled −1 ("no confident action")
 * form no run. Two runs are neighbours when they touch (no unconfident frame between them).
 *
 * Runs shorter than `minSec` are removed shortest first (ties: earlier first):
 *  - a run with neighbours is merged into the neighbour it resembles most: the one whose label has
 *    the higher mean smoothed probability over the short run's own frames (ties: the longer
 *    neighbour, then the left one). If that makes two neighbours of the same label touch
 *    (A b A → A A A), they become one run;
 *  - a run without neighbours (unconfident frames on both sides, or the video's ends) has nothing
 *    to merge into and becomes "no confident action": the threshold and the minimum duration both
 *    say it is not a segment.
 * Shortest first means noise is absorbed before it can decide the fate of longer runs, and a run
 * that grows by merging is reconsidered with its new length.
 */
import { MinHeap } from './min-heap.js';

export interface Runs {
  count: number;
  start: Int32Array;
  /** Exclusive. */
  end: Int32Array;
  label: Int32Array;
  alive: Uint8Array;
}

export function findRuns(labels: Int32Array): Runs {
  let count = 0;
  for (let f = 0; f < labels.length; f++) if (labels[f]! >= 0 && (f === 0 || labels[f - 1] !== labels[f])) count++;
  const runs: Runs = {
    count,
    start: new Int32Array(count),
    end: new Int32Array(count),
    label: new Int32Array(count),
    alive: new Uint8Array(count).fill(1),
  };
  let r = -1;
  for (let f = 0; f < labels.length; f++) {
    const label = labels[f]!;
    if (label < 0) continue;
    if (f === 0 || labels[f - 1] !== label) {
      r++;
      runs.start[r] = f;
      runs.label[r] = label;
    }
    runs.end[r] = f + 1;
  }
  return runs;
}

/**
 * Applies the minimum duration in place. `times[f]` is the start of frame f in seconds and
 * `times[frameCount]` the end of the last frame, so a run lasts times[end] − times[start].
 */
export function enforceMinDuration(runs: Runs, times: Float64Array, probs: Float32Array, classCount: number, minSec: number): void {
  const { count, start, end, label, alive } = runs;
  if (minSec <= 0 || count === 0) return;
  // Durations in whole nanoseconds: frame times carry float noise (9 frames at 30 fps can come
  // out as 0.29999999999999993 s), which must not decide whether a run is short, or which of two
  // equally long runs goes first.
  const minimum = Math.round(minSec * 1e9);
  const duration = (r: number) => Math.round((times[end[r]!]! - times[start[r]!]!) * 1e9);
  // Neighbour links between touching runs; −1 where a gap or the video's end is.
  const prev = new Int32Array(count).fill(-1);
  const next = new Int32Array(count).fill(-1);
  for (let r = 1; r < count; r++) {
    if (end[r - 1] === start[r]) {
      prev[r] = r - 1;
      next[r - 1] = r;
    }
  }
  const queue = new MinHeap(2 * count);
  for (let r = 0; r < count; r++) if (duration(r) < minimum) queue.push(r, duration(r));

  /** Merges run `from` into its neighbour `into`, which keeps its label. */
  const absorb = (into: number, from: number) => {
    alive[from] = 0;
    if (from === next[into]) {
      end[into] = end[from]!;
      const outer = next[from]!;
      next[into] = outer;
      if (outer >= 0) prev[outer] = into;
    } else {
      start[into] = start[from]!;
      const outer = prev[from]!;
      prev[into] = outer;
      if (outer >= 0) next[outer] = into;
    }
  };

  while (queue.size > 0) {
    const key = queue.minKey;
    const r = queue.pop();
    if (!alive[r] || key !== duration(r)) continue; // stale entry: the run grew or is gone
    const left = prev[r]!;
    const right = next[r]!;
    if (left < 0 && right < 0) {
      alive[r] = 0;
      continue;
    }
    const into = left < 0 ? right : right < 0 ? left : mostResembling(runs, r, left, right, probs, classCount, duration);
    absorb(into, r);
    // A b A: the short run was between two runs of the same label, which now touch.
    const other = into === left ? next[into]! : prev[into]!;
    if (other >= 0 && label[other] === label[into]) absorb(into, other);
    if (duration(into) < minimum) queue.push(into, duration(into));
  }
}

function mostResembling(
  runs: Runs,
  r: number,
  left: number,
  right: number,
  probs: Float32Array,
  classCount: number,
  duration: (r: number) => number,
): number {
  const leftLabel = runs.label[left]!;
  const rightLabel = runs.label[right]!;
  let leftSum = 0;
  let rightSum = 0;
  for (let f = runs.start[r]!; f < runs.end[r]!; f++) {
    leftSum += probs[f * classCount + leftLabel]!;
    rightSum += probs[f * classCount + rightLabel]!;
  }
  if (leftSum !== rightSum) return leftSum > rightSum ? left : right;
  return duration(right) > duration(left) ? right : left;
}

import type { ReviewVerdict, ThresholdImpact } from '../../../shared/review.js';

export type { ThresholdImpact };


/**
 * How many past items a changed confidence threshold would have removed.
 * [Note: an item's score is its best segment's confidence, so a threshold above it drops the whole
 *  item; a lower threshold may add items, which only a recompute over the segments can count.]
 */
export function thresholdImpact(items: readonly { score: number; verdict: ReviewVerdict | null }[], falseAlarms: readonly { score: number }[], minConfidence: number): ThresholdImpact {
  const removed = items.filter((i) => i.score < minConfidence);
  return {
    minConfidence,
    items: items.length,
    removedItems: removed.length,
    removedReviewed: removed.filter((i) => i.verdict === 'reviewed').length,
    removedFalseAlarms: falseAlarms.filter((f) => f.score < minConfidence).length,
    falseAlarms: falseAlarms.length,
  };
}

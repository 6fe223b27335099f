import { expect, it } from 'vitest';
import { thresholdImpact } from '../../../src/main/core/review/threshold-impact.js';

it('counts the past items and kept false alarms a higher threshold would have removed', () => {
  const items = [
    { score: 0.55, verdict: 'false_alarm' as const },
    { score: 0.62, verdict: 'reviewed' as const },
    { score: 0.7, verdict: null },
    { score: 0.9, verdict: 'reviewed' as const },
  ];
  const falseAlarms = [{ score: 0.55 }, { score: 0.58 }, { score: 0.95 }];
  expect(thresholdImpact(items, falseAlarms, 0.65)).toEqual({ minConfidence: 0.65, items: 4, removedItems: 2, removedReviewed: 1, removedFalseAlarms: 2, falseAlarms: 3 });
  expect(thresholdImpact(items, falseAlarms, 0.5)).toMatchObject({ removedItems: 0, removedFalseAlarms: 0 });
  expect(thresholdImpact([], [], 1)).toMatchObject({ items: 0, removedItems: 0 });
});

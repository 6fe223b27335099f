/** Absurd sampling values are refused by the request schema, naming the field, before any job runs. */
import { describe, expect, it } from 'vitest';
import { analysisRequestSchema, MAX_SAMPLING_STRIDE } from '../../../src/shared/analysis.js';

function issuePaths(sampling: Record<string, unknown>): string[] {
  const result = analysisRequestSchema.safeParse({ modelId: 'test-frame', sampling });
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('sampling limits', () => {
  it('accepts strides up to the maximum', () => {
    expect(issuePaths({ stride: MAX_SAMPLING_STRIDE, windowStride: MAX_SAMPLING_STRIDE })).toEqual([]);
  });

  it.each([
    [{ stride: 1e9 }, 'sampling.stride'],
    [{ stride: MAX_SAMPLING_STRIDE + 1 }, 'sampling.stride'],
    [{ windowStride: 2 ** 31 }, 'sampling.windowStride'],
  ])('refuses %o naming %s', (sampling, field) => {
    expect(issuePaths(sampling)).toEqual([field]);
  });
});

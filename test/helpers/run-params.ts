import { postprocessSchema } from '../../src/shared/analysis.js';
import type { ActionRunParams } from '../../src/shared/run-params.js';

/** Params for a run a store test creates directly (no engine): well-formed, not tied to a real model or video. */
export function testRunParams(overrides: Partial<ActionRunParams> = {}): ActionRunParams {
  return {
    engine: 0,
    model: { id: 'test', version: '0', sha256: '0'.repeat(64) },
    sampling: { stride: 1 },
    postprocess: postprocessSchema.parse({}),
    videoFingerprint: 'test',
    probabilitiesKey: 'test',
    ...overrides,
  };
}

/**
 * Resuming: a run interrupted after K committed frames continues from frame K and ends with the
 * rows an uninterrupted run stores. The interruption is staged exactly (the first K rows of a
 * reference run, left `running`, as a crash leaves it); the CLI test kills a real process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/core/app.js';
import { parseRequest, runIdentity } from '../../../src/main/core/analysis/index.js';
import { RECURRENT_WARMUP_FRAMES } from '../../../src/main/core/analysis/strategies/index.js';
import type { AnalysisRequest } from '../../../src/shared/analysis.js';
import { CORPUS_DIR, makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';
import { maxDifference, rowsOf } from './reference.js';
import { existsSync } from 'node:fs';
import path from 'node:path';

const STORED_PRECISION = 5e-5;
let clip: string;
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('resume'), name: 'resume.mp4', seconds: 8, fps: '25', width: 64, height: 48 }); // 200 frames
});

const testCore = useTestCore();

function rows(core: AppCore, runId: number): Float32Array[] {
  const range = core.store.predictions.readRange(runId, 0, core.store.runs.get(runId)!.framesDone);
  return rowsOf(range.probs, range.classCount);
}

/** Runs the whole video in one core, then stages "crashed after K frames" in another and resumes it there. */
async function resumeAgainstReference(file: string, modelId: string, options: Partial<AnalysisRequest>, committed: number) {
  const reference = testCore.open();
  const full = await analyse(reference, (await addVideo(reference, file)).id, modelId, options);
  expect(full.state).toBe('completed');
  const expected = rows(reference, full.runId!);

  const core = testCore.open();
  const video = await addVideo(core, file);
  const model = await core.models.get(modelId);
  const { params, paramsHash } = runIdentity(model, parseRequest({ ...options, modelId }), video.fingerprint);
  const staged = core.store.runs.create({ videoId: video.id, modelId, params, paramsHash, provider: 'cpu', frameCount: expected.length });
  core.store.runs.markRunning(staged.id, { providerUsed: 'cpu' });
  const head = new Float32Array(committed * 11);
  expected.slice(0, committed).forEach((row, f) => head.set(row, f * 11));
  core.store.transaction(() => {
    core.store.predictions.appendChunk(staged.id, 0, head, 11);
    core.store.runs.updateProgress(staged.id, committed);
  });

  expect(core.analysis.requeueInterrupted()).toBe(1);
  const resumed = await analyse(core, video.id, modelId, options);
  expect(resumed).toMatchObject({ state: 'completed', origin: 'resumed', runId: staged.id, resumedFromFrame: committed, framesDone: expected.length });
  expect(integrityCheck(core)).toBe('ok');
  return { expected, actual: rows(core, staged.id) };
}

describe('resume from the last committed chunk', () => {
  it('frame-classifier with stride 3, resumed at a frame between analysed ones: the same rows', async () => {
    const { expected, actual } = await resumeAgainstReference(clip, 'test-frame', { sampling: { stride: 3, windowStride: 4 } }, 37);
    expect(maxDifference(actual, expected)).toBeLessThan(STORED_PRECISION);
  });

  it('clip windows, resumed inside a window: the same rows, edge window included', async () => {
    const { expected, actual } = await resumeAgainstReference(clip, 'test-clip', {}, 191);
    expect(maxDifference(actual, expected)).toBeLessThan(STORED_PRECISION);
  });

  it(`recurrent: rebuilds the state from a ${RECURRENT_WARMUP_FRAMES}-frame warm-up; rows before the resume untouched, after it close`, async () => {
    const committed = 120;
    const { expected, actual } = await resumeAgainstReference(clip, 'test-recurrent', {}, committed);
    expect(maxDifference(actual.slice(0, committed), expected.slice(0, committed))).toBe(0);
    // Measured, not assumed: how far the warm-up state is from the real one, in probability.
    const drift = maxDifference(actual.slice(committed), expected.slice(committed));
    expect(drift).toBeLessThan(0.01);
  });

  const avi = path.join(CORPUS_DIR, 'mpeg4-mp3-320x240-25fps.avi');
  it.skipIf(!existsSync(avi))(
    `a file whose first frame is not at 0 s (corpus AVI) resumes on the right frame${existsSync(avi) ? '' : ' (skipped: ../shared/corpus is absent)'}`,
    async () => {
      const { expected, actual } = await resumeAgainstReference(avi, 'test-frame', {}, 101);
      expect(maxDifference(actual, expected)).toBeLessThan(STORED_PRECISION);
    },
  );
});

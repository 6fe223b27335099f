/**
 * Resuming: a run interrupted after K committed frames continues from frame K and ends with
 * exactly the rows an uninterrupted run stores. The interruption is staged exactly (the first
 * chunks of a reference run, with the restart points stored with them, left `running`, as a
 * crash leaves it); the CLI test kills a real process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/core/app.js';
import { parseRequest, runIdentity } from '../../../src/main/core/analysis/index.js';
import type { AnalysisRequest } from '../../../src/shared/analysis.js';
import { CORPUS_DIR, makeClip, tmpDir } from '../../helpers/clips.js';
import { flipFrameHeaders } from '../../helpers/damage.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';
import { rowsOf } from './reference.js';
import { existsSync } from 'node:fs';
import path from 'node:path';

let clip: string;
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('resume'), name: 'resume.mp4', seconds: 8, fps: '25', width: 64, height: 48 }); // 200 frames
});

const testCore = useTestCore();
/** Small chunks, so that a run has several restart points. */
const COMMIT_FRAMES = 24;

function rows(core: AppCore, runId: number): Float32Array[] {
  const range = core.store.predictions.readRange(runId, 0, core.store.runs.get(runId)!.framesDone);
  return rowsOf(range.probs, range.classCount);
}

interface StoredChunk {
  start: number;
  count: number;
  resumeFrame: number | null;
  resumeState: Buffer | null;
}

/**
 * Runs the whole video in one core, then stages "crashed after the chunk holding frame `cut`"
 * in another (that chunk and the ones before, with their restart points unless `legacy`), and
 * resumes it there. Returns both runs' stored rows, and where the resume restarted.
 */
async function resumeAgainstReference(file: string, modelId: string, options: Partial<AnalysisRequest>, cut: number, legacy = false) {
  const reference = testCore.open({ analysis: { commitFrames: COMMIT_FRAMES } });
  const full = await analyse(reference, (await addVideo(reference, file)).id, modelId, options);
  expect(full.state).toBe('completed');
  const expected = rows(reference, full.runId!);
  const chunks = reference.store.db
    .prepare('SELECT start_frame AS start, frame_count AS count, resume_frame AS resumeFrame, resume_state AS resumeState FROM prediction_chunks WHERE run_id = ? ORDER BY start_frame')
    .all(full.runId!) as StoredChunk[];
  const kept = chunks.filter((chunk) => chunk.start <= cut);
  const committed = kept.at(-1)!.start + kept.at(-1)!.count;
  expect(committed).toBeLessThan(expected.length);

  const core = testCore.open({ analysis: { commitFrames: COMMIT_FRAMES } });
  const video = await addVideo(core, file);
  const model = await core.models.get(modelId);
  const classCount = model.manifest.labels.length;
  const { params, paramsHash } = runIdentity(model, parseRequest({ ...options, modelId }), video.fingerprint);
  const staged = core.store.runs.create({ videoId: video.id, modelId, params, paramsHash, provider: 'cpu', frameCount: expected.length });
  core.store.runs.markRunning(staged.id, { providerUsed: 'cpu' });
  core.store.transaction(() => {
    for (const chunk of kept) {
      const probs = new Float32Array(chunk.count * classCount);
      expected.slice(chunk.start, chunk.start + chunk.count).forEach((row, f) => probs.set(row, f * classCount));
      const resume = legacy || chunk.resumeFrame === null ? null : { frame: chunk.resumeFrame, state: chunk.resumeState };
      core.store.predictions.appendChunk(staged.id, chunk.start, probs, classCount, 'u16q', null, resume);
    }
    core.store.runs.updateProgress(staged.id, committed);
  });

  expect(core.analysis.requeueInterrupted()).toBe(1);
  const resumed = await analyse(core, video.id, modelId, options);
  expect(resumed).toMatchObject({ state: 'completed', origin: 'resumed', runId: staged.id, resumedFromFrame: committed, framesDone: expected.length });
  expect(integrityCheck(core)).toBe('ok');
  return { expected, actual: rows(core, staged.id), restartedAt: legacy ? 0 : kept.at(-1)!.resumeFrame };
}

/** Bit for bit: the stored rows are identical, not merely close. */
function expectIdentical(actual: Float32Array[], expected: Float32Array[]) {
  expect(actual.length).toBe(expected.length);
  const differing = actual.findIndex((row, f) => row.some((v, c) => v !== expected[f]![c]));
  expect(differing).toBe(-1);
}

describe('resume from the last committed chunk, exactly', () => {
  it('frame-classifier with stride 3: restarts at a batch start and stores the same rows', async () => {
    const { expected, actual, restartedAt } = await resumeAgainstReference(clip, 'test-frame', { sampling: { stride: 3, windowStride: 4 } }, 37);
    expect(restartedAt).toBeGreaterThan(0);
    expectIdentical(actual, expected);
  });

  it('clip windows: restarts at a batch of windows, the edge window included, the same rows', async () => {
    const { expected, actual, restartedAt } = await resumeAgainstReference(clip, 'test-clip', {}, 150);
    expect(restartedAt).toBeGreaterThan(0);
    expectIdentical(actual, expected);
  });

  it('recurrent: restores the stored state at a chunk boundary; every row after the cut is identical', async () => {
    const { expected, actual, restartedAt } = await resumeAgainstReference(clip, 'test-recurrent', {}, 120);
    expect(restartedAt).toBeGreaterThan(0);
    expectIdentical(actual, expected);
  });

  it('recurrent with stride 2: the held-back frames between analysed ones are recomputed too', async () => {
    const { expected, actual } = await resumeAgainstReference(clip, 'test-recurrent', { sampling: { stride: 2, windowStride: 4 } }, 101);
    expectIdentical(actual, expected);
  });

  it('two-stream: restarts at a batch of windows with its flow pairs rebuilt; the same rows', async () => {
    const { expected, actual, restartedAt } = await resumeAgainstReference(clip, 'test-two-stream', {}, 130);
    expect(restartedAt).toBeGreaterThan(0);
    expectIdentical(actual, expected);
  });

  it('a damaged file (frame 100 undecodable): the resumed run stores the same rows, the gap where it was', async () => {
    const damaged = path.join(path.dirname(clip), 'resume-damaged.mp4');
    flipFrameHeaders(clip, damaged, [100]);
    const { expected, actual, restartedAt } = await resumeAgainstReference(damaged, 'test-recurrent', {}, 90);
    expect(restartedAt).toBeLessThanOrEqual(96);
    expectIdentical(actual, expected);
    expect(actual[100]!.every((p) => p === 0)).toBe(true);
  });

  it('chunks stored without a restart point (before schema 4): recomputed from frame 0, the same rows', async () => {
    const { expected, actual } = await resumeAgainstReference(clip, 'test-recurrent', {}, 120, true);
    expectIdentical(actual, expected);
  });

  const avi = path.join(CORPUS_DIR, 'mpeg4-mp3-320x240-25fps.avi');
  it.skipIf(!existsSync(avi))(
    `a file whose first frame is not at 0 s (corpus AVI) resumes on the right frame${existsSync(avi) ? '' : ' (skipped: ../shared/corpus is absent)'}`,
    async () => {
      const { expected, actual } = await resumeAgainstReference(avi, 'test-frame', {}, 101);
      expectIdentical(actual, expected);
    },
  );
});

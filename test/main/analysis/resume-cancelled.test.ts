/** A cancelled run (Ctrl-C) resumes on an identical request; a copied run counts the frames its source stored. */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRequest, runIdentity } from '../../../src/main/core/analysis/index.js';
import { postprocessSchema } from '../../../src/shared/analysis.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';

let clip: string;
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('resume-cancelled'), name: 'short.mp4', seconds: 2, fps: '25', width: 64, height: 48 }); // 50 frames
});

const testCore = useTestCore();

describe('cancelled runs and copies', () => {
  it('an identical request resumes a cancelled run from its last committed chunk', async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const model = await core.models.get('test-frame');
    const { params, paramsHash } = runIdentity(model, parseRequest({ modelId: 'test-frame' }), video.fingerprint);
    const staged = core.store.runs.create({ videoId: video.id, modelId: 'test-frame', params, paramsHash, provider: 'cpu', frameCount: 50 });
    core.store.runs.markRunning(staged.id, { providerUsed: 'cpu' });
    core.store.transaction(() => {
      core.store.predictions.appendChunk(staged.id, 0, new Float32Array(16 * 11).fill(1 / 11), 11);
      core.store.runs.updateProgress(staged.id, 16);
    });
    core.store.runs.markCancelled(staged.id);

    const job = await analyse(core, video.id, 'test-frame');
    expect(job).toMatchObject({ state: 'completed', origin: 'resumed', runId: staged.id, resumedFromFrame: 16, framesDone: 50 });
    expect(core.analysis.runsForVideo(video.id)).toHaveLength(1);
    expect(core.store.runs.get(staged.id)).toMatchObject({ status: 'completed', framesDone: 50, frameCount: 50, error: null });
    expect(integrityCheck(core)).toBe('ok');
  });

  it("a copy takes its source's stored frame count, not a frame_count left at the probe's estimate", async () => {
    const core = testCore.open();
    const video = await addVideo(core, clip);
    const first = await analyse(core, video.id, 'test-frame');
    expect(first.state).toBe('completed');
    // As a run completed by an older engine left it: frame_count the probe's (overestimated) count.
    core.store.db.prepare('UPDATE runs SET frame_count = 53 WHERE id = ?').run(first.runId);
    const second = await analyse(core, video.id, 'test-frame', { postprocess: postprocessSchema.parse({ threshold: 0.2 }) });
    expect(second).toMatchObject({ state: 'completed', origin: 'reused', framesDone: 50 });
    expect(core.store.runs.get(second.runId!)).toMatchObject({ framesDone: 50, frameCount: 50 });
  });
});

/** Deleting runs: a finished one with everything stored for it; a running one is cancelled first. */
import { expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';

const cores = useTestCore();
const count = (core: ReturnType<typeof cores.open>, table: string, runId: number) =>
  core.store.db.prepare(`SELECT count(*) FROM ${table} WHERE run_id = ?`).pluck().get(runId) as number;

it('a completed run goes with its probabilities and segments; the video and other runs stay', async () => {
  const core = cores.open();
  const clip = await makeClip({ dir: tmpDir('delete-run'), name: 'clip.mp4', seconds: 2, fps: '25', width: 64, height: 48 });
  const video = await addVideo(core, clip);
  const kept = await analyse(core, video.id, 'test-clip');
  const doomed = await analyse(core, video.id, 'test-frame');
  expect(count(core, 'prediction_chunks', doomed.runId!)).toBeGreaterThan(0);
  expect(await core.handlers['runs.delete']({ runId: doomed.runId! })).toEqual({ deleted: true });
  expect(core.analysis.runsForVideo(video.id).map((r) => r.id)).toEqual([kept.runId]);
  expect(count(core, 'prediction_chunks', doomed.runId!)).toBe(0);
  expect(count(core, 'segments', doomed.runId!)).toBe(0);
  await expect(core.handlers['runs.delete']({ runId: doomed.runId! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(integrityCheck(core)).toBe('ok');
});

it('a running run is cancelled first, then deleted', async () => {
  const core = cores.open({ analysis: { threads: { intraOp: 1 }, commitFrames: 16 } });
  const long = await makeClip({ dir: tmpDir('delete-running'), name: 'long.mp4', seconds: 40, fps: '25', width: 160, height: 120 });
  const video = await addVideo(core, long);
  const [job] = await core.analysis.start({ videoIds: [video.id], modelIds: ['test-clip'], options: { provider: 'cpu', sampling: { stride: 1, windowStride: 1 } } });
  const runId = await new Promise<number>((resolve) => core.on('analysis.progress', (p) => p.framesDone > 50 && resolve(p.runId)));
  expect(await core.analysis.deleteRun(runId)).toBe(true);
  const [done] = await core.analysis.wait([job!.id]);
  expect(done!.state).toBe('cancelled');
  expect(core.analysis.runsForVideo(video.id)).toEqual([]);
  expect(integrityCheck(core)).toBe('ok');
});

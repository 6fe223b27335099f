/** The jobs a restarted host starts again: unfinished ones, not paused ones (their runs stay queued until resumed or started again). */
import { expect, it } from 'vitest';
import { JobReplay } from '../../../src/main/core/host/job-replay.js';
import type { JobSummary } from '../../../src/shared/engine.js';

const job = (id: number, videoId: number, state: JobSummary['state']): JobSummary => ({
  id, videoId, videoPath: `/v/${videoId}.mp4`, modelId: 'test-frame', state, runId: null, origin: null, resumedFromFrame: null, framesDone: 0, frameCount: 10, provider: null, notices: [], error: null,
});

it('replays unfinished jobs but not paused ones; a resumed job is replayed again', () => {
  const replay = new JobReplay();
  const payload = { videoIds: [1, 2, 3], modelIds: ['test-frame'], provider: 'cpu' };
  replay.started('analysis.start', payload, { ok: true, value: [job(1, 1, 'running'), job(2, 2, 'queued'), job(3, 3, 'queued')] });
  replay.changed(job(2, 2, 'paused'));
  replay.changed(job(3, 3, 'completed'));
  expect(replay.take()).toEqual([{ call: 'analysis.start', payload: { ...payload, videoIds: [1], modelIds: ['test-frame'] } }]);

  replay.started('analysis.start', payload, { ok: true, value: [job(4, 1, 'queued'), job(5, 2, 'queued')] });
  replay.changed(job(5, 2, 'paused'));
  replay.changed(job(5, 2, 'queued'));
  expect(replay.take().map((p) => p.payload.videoIds)).toEqual([[1], [2]]);
});

it('replays a pose job with its own call, one video per job', () => {
  const replay = new JobReplay();
  const payload = { videoIds: [7, 8], model: 'lightning', maxPeople: 2 };
  replay.started('pose.start', payload, { ok: true, value: [job(1, 7, 'running'), job(2, 8, 'queued')] });
  expect(replay.take()).toEqual([
    { call: 'pose.start', payload: { ...payload, videoIds: [7] } },
    { call: 'pose.start', payload: { ...payload, videoIds: [8] } },
  ]);
});

import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { sampleModel, sampleVideo, useTempDir } from './helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

describe('runs repository: frame counts and restarts', () => {
  const temp = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = temp.track(openStore(path.join(temp.dir(), 'library.db')));
  });

  function newRun(hash = 'hash-1') {
    const videoId = store.videos.upsert(sampleVideo()).id;
    if (!store.models.get('cnn-lstm@1')) store.models.upsert(sampleModel());
    return store.runs.create({ videoId, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: hash, provider: 'auto', frameCount: 300 });
  }

  it("a completed run's frame count is the frames it stored, not the probe's estimate", () => {
    const run = newRun();
    store.runs.markRunning(run.id, { providerUsed: 'cpu', frameCount: 300 });
    expect(store.runs.markCompleted(run.id, { framesDone: 297 })).toMatchObject({ status: 'completed', framesDone: 297, frameCount: 297 });

    const other = newRun('hash-2');
    store.runs.markRunning(other.id, { providerUsed: 'cpu', frameCount: 300 });
    store.runs.updateProgress(other.id, 298);
    expect(store.runs.markCompleted(other.id)).toMatchObject({ framesDone: 298, frameCount: 298 });
  });

  it('failed and cancelled runs keep the expected frame count', () => {
    const run = newRun();
    store.runs.markRunning(run.id, { providerUsed: 'cpu', frameCount: 300 });
    store.runs.updateProgress(run.id, 40);
    expect(store.runs.markCancelled(run.id)).toMatchObject({ status: 'cancelled', framesDone: 40, frameCount: 300 });
  });

  it('a cancelled run can be started again (resumed); a completed or failed one cannot', () => {
    const run = newRun();
    store.runs.markRunning(run.id, { providerUsed: 'cpu' });
    store.runs.updateProgress(run.id, 40);
    store.runs.markCancelled(run.id);
    const again = store.runs.markRunning(run.id, { providerUsed: 'cpu' });
    expect(again).toMatchObject({ status: 'running', framesDone: 40, finishedAt: null });
    store.runs.markFailed(run.id, new Error('boom'));
    expect(() => store.runs.markRunning(run.id, { providerUsed: 'cpu' })).toThrow(/Cannot start run \d+: it is failed/);
  });
});

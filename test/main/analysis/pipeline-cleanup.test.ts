/** A failure after decoding has started (the strategy or the writer throws) stops ffmpeg at once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mediaJobs } from '../../../src/main/core/media/index.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { mediaChildProcesses } from '../../helpers/processes.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';

let clip: string;
beforeAll(async () => {
  // Long enough that ffmpeg is still blocked on its pipe when the first chunk is committed.
  clip = await makeClip({ dir: tmpDir('pipeline-cleanup'), name: 'long.mp4', seconds: 24, fps: '25', width: 64, height: 48 }); // 600 frames
});

const testCore = useTestCore();

describe('pipeline cleanup', () => {
  it('a writer failure mid-video fails the run and leaves no ffmpeg process behind', async () => {
    const core = testCore.open({ analysis: { commitFrames: 16 } });
    const video = await addVideo(core, clip);
    const predictions = core.store.predictions;
    const append = predictions.appendChunk.bind(predictions);
    let calls = 0;
    predictions.appendChunk = (...args: Parameters<typeof append>) => {
      calls += 1;
      if (calls >= 2) throw new Error('disk full (test)');
      return append(...args);
    };
    const job = await analyse(core, video.id, 'test-frame');
    expect(job.state).toBe('failed');
    expect(mediaJobs.running()).toEqual([]);
    expect(mediaChildProcesses()).toEqual([]);
    expect(integrityCheck(core)).toBe('ok');
  });
});

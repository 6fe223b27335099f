/**
 * Segments pushed as chunks commit (`runs.segmentsChanged`), instead of the UI polling a
 * re-derivation: applied in order they are the run's final segments, the stored segments match
 * them after every update, and later updates re-derive only a tail, not the run from frame 0.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { postprocessSchema, type Segment } from '../../../src/shared/analysis.js';
import { applySegmentsUpdate, type RunSegmentsUpdate } from '../../../src/shared/engine.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, useTestCore } from './core.js';

let clip: string;
beforeAll(async () => {
  clip = await makeClip({ dir: tmpDir('live'), name: 'live.mp4', seconds: 8, fps: '25', width: 64, height: 48 });
});

describe('live segments', () => {
  const cores = useTestCore();
  const settings = [
    { name: 'default smoothing, every frame labelled', postprocess: { threshold: 0 } },
    { name: 'every frame labelled, 1 s minimum', postprocess: { threshold: 0, minSegmentSec: 1 } },
    { name: 'median smoothing and Viterbi', postprocess: { threshold: 0, smoothing: { kind: 'median', windowFrames: 9 }, viterbi: { enabled: true, switchPenalty: 0.5 } } },
  ];

  it.each(settings)('applied in order equal the final segments ($name)', async ({ postprocess }) => {
    const core = cores.open({ analysis: { threads: { intraOp: 1 }, commitFrames: 16, segmentIntervalMs: 0 } });
    const video = await addVideo(core, clip);
    const updates: RunSegmentsUpdate[] = [];
    let applied: Segment[] = [];
    const storedAfterUpdate: boolean[] = [];
    core.on('runs.segmentsChanged', (update) => {
      updates.push(update);
      applied = applySegmentsUpdate(applied, update);
      const stored = core.analysis.segments(update.runId);
      storedAfterUpdate.push(JSON.stringify(stored) === JSON.stringify(applied));
    });
    const job = await analyse(core, video.id, 'test-frame', { postprocess: postprocessSchema.parse(postprocess) });
    expect(job.state).toBe('completed');

    const final = core.analysis.segments(job.runId!);
    expect(final.length).toBeGreaterThan(0);
    expect(applied).toEqual(final);
    expect(storedAfterUpdate.every(Boolean)).toBe(true);
    expect(updates.at(-1)).toMatchObject({ final: true, framesDone: 200 });
    const live = updates.filter((update) => !update.final);
    expect(live.length).toBeGreaterThan(5);
    // Incremental: an update re-sends at most one segment (the one crossing the edge) starting
    // before the margin (smoothing window + twice the minimum duration + 1) ahead of the frames seen.
    const options = postprocessSchema.parse(postprocess);
    const margin = options.smoothing.windowFrames + 2 * Math.ceil(options.minSegmentSec * 25) + 1;
    for (const [i, update] of live.entries()) {
      const edge = Math.max(0, (live[i - 1]?.framesDone ?? 0) - margin);
      expect(update.segments.filter((segment) => segment.startFrame < edge).length).toBeLessThanOrEqual(1);
    }
    expect(live.map((update) => update.framesDone)).toEqual([...live.map((update) => update.framesDone)].sort((a, b) => a - b));
  });
});

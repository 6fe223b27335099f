/**
 * Frame times: each stored frame keeps the decoder's presentation time, so segment and export
 * times follow the video's clock, also on variable-frame-rate footage where frame / average fps
 * drifts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameClock } from '../../../src/main/core/analysis/frame-clock.js';
import { frameRate, runClock } from '../../../src/main/core/analysis/run-results.js';
import { framePtsWithFfprobe, makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, analyse, useTestCore } from './core.js';

describe('FrameClock', () => {
  it('gives delivered frames their own time, interpolates skipped ones and extrapolates at the nominal rate', () => {
    const clock = new FrameClock(10);
    clock.record(2, 1.0);
    clock.record(5, 1.6);
    expect(clock.timeOf(2)).toBe(1.0);
    expect(clock.timeOf(3)).toBeCloseTo(1.2, 12);
    expect(clock.timeOf(7)).toBeCloseTo(1.8, 12); // after the last delivered frame: + 0.1 s per frame
    expect(clock.timeOf(0)).toBeCloseTo(0.8, 12); // before the first
    expect(Array.from(clock.times(4, 2))).toEqual([clock.timeOf(4), 1.6]);
  });

  it('forgets stored frames but keeps the last one before, to interpolate after it', () => {
    const clock = new FrameClock(25);
    for (let f = 0; f < 10; f += 3) clock.record(f, f * 0.05); // 0, 3, 6, 9
    clock.forgetBefore(7);
    expect(clock.timeOf(7)).toBeCloseTo(0.35, 12); // between 6 and 9, still
    expect(clock.timeOf(9)).toBe(0.45);
  });

  it('ignores out-of-order and non-finite times', () => {
    const clock = new FrameClock(25);
    clock.record(4, 0.16);
    clock.record(3, 9);
    clock.record(5, Number.NaN);
    expect(clock.timeOf(4)).toBe(0.16);
    expect(clock.timeOf(5)).toBeCloseTo(0.2, 12);
  });
});

describe('runs keep the frames’ presentation times', () => {
  const cores = useTestCore();
  let vfr: string;
  beforeAll(async () => {
    // 100 frames; the second half lasts twice as long: 4 s of video, average 25 fps.
    vfr = await makeClip({ dir: tmpDir('frame-times'), name: 'vfr.mkv', seconds: 2, fps: '50', width: 64, height: 48, vfr: true });
  });

  it.each([1, 3])('on variable-frame-rate footage (stride %i): stored times are the decoder’s, segments end at the real duration', async (stride) => {
    const core = cores.open();
    const video = await addVideo(core, vfr);
    const job = await analyse(core, video.id, 'test-frame', { sampling: { stride, windowStride: 4 } });
    expect(job.state).toBe('completed');
    const truth = await framePtsWithFfprobe(vfr);
    const { frameTimes, endTime } = runClock(core.store, job.runId!, frameRate(core.store.videos.get(video.id)!), job.framesDone);
    const analysed = truth.map((_, f) => f).filter((f) => f % stride === 0);
    // Analysed frames: exactly the decoder's pts (ffprobe prints 6 decimals).
    for (const f of analysed) expect(Math.abs(frameTimes(f) - truth[f]!), `frame ${f}`).toBeLessThan(1e-5);
    // Skipped frames: interpolated between their neighbours, within one frame interval of the truth.
    const worst = truth.reduce((m, t, f) => Math.max(m, Math.abs(frameTimes(f) - t)), 0);
    expect(worst).toBeLessThan(0.04);
    // frame / average fps would be off by most of a second in the middle of this clip; the stored clock is not.
    const average = frameRate(core.store.videos.get(video.id)!);
    expect(Math.abs(75 / average - truth[75]!)).toBeGreaterThan(0.4);
    expect(endTime).toBeCloseTo(truth.at(-1)! + (truth.at(-1)! - truth.at(-2)!), 3);
    const segments = core.analysis.segments(job.runId!);
    if (segments.length > 0) expect(segments.at(-1)!.endSec).toBeLessThanOrEqual(endTime + 1e-9);
    for (const s of segments) expect(s.startSec).toBeCloseTo(frameTimes(s.startFrame), 9);
  });
});

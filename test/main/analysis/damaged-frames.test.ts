/**
 * A damaged frame costs that frame, not the run: a real H.264 MP4 with one frame's slice header
 * flipped (container intact) decodes 299 of 300 frames; the run completes with the frame stored
 * as a gap (no label, in no segment, marked in the export), a warning counts it, and a file
 * that yields no frame fails with a clear reason, its failed run replaced by the next attempt.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { flipFrameHeaders, wipeAllFrames } from '../../helpers/damage.js';
import { exportJson, runCli } from '../../helpers/kill-resume.js';
import { addVideo, analyse, integrityCheck, useTestCore } from './core.js';
import { FIXTURE_MODELS_DIR } from './fixtures.js';

let dir: string;
let clean: string;
let damaged: string;
const DAMAGED_FRAME = 150;
beforeAll(async () => {
  dir = tmpDir('damaged');
  clean = await makeClip({ dir, name: 'clean.mp4', seconds: 12, fps: '25', width: 160, height: 120 }); // 300 frames, no B-frames (ultrafast)
  damaged = path.join(dir, 'one damaged frame.mp4');
  flipFrameHeaders(clean, damaged, [DAMAGED_FRAME]);
});

const testCore = useTestCore();

describe('a frame ffmpeg cannot decode', () => {
  it.each(['test-frame', 'test-recurrent', 'test-clip'])('%s: the run completes with that frame as a gap; frames before it as a clean file gives them', async (modelId) => {
    const core = testCore.open();
    const job = await analyse(core, (await addVideo(core, damaged)).id, modelId);
    expect(job.state).toBe('completed');
    expect(job.notices.join('\n')).toContain(`1 of 300 frames of "${damaged}" could not be decoded`);
    const run = core.analysis.run(job.runId!);
    expect(run.frameCount).toBe(300);
    expect(run.gaps).toEqual([{ startFrame: DAMAGED_FRAME, frameCount: 1 }]);
    expect(run.gapFrames).toBe(1);
    for (const segment of core.analysis.segments(run.id)) expect(DAMAGED_FRAME >= segment.startFrame && DAMAGED_FRAME < segment.endFrame).toBe(false);
    const stored = core.store.predictions.readRange(run.id, 0, 300);
    expect(stored.probs.subarray(DAMAGED_FRAME * stored.classCount, (DAMAGED_FRAME + 1) * stored.classCount).every((p) => p === 0)).toBe(true);

    const reference = await analyse(core, (await addVideo(core, clean)).id, modelId);
    const cleanRows = core.store.predictions.readRange(reference.runId!, 0, 300);
    // Frames are numbered by their time, not shifted by the missing one: frames before the damage match the clean file.
    const before = modelId === 'test-clip' ? 100 : DAMAGED_FRAME;
    expect(Buffer.from(stored.probs.subarray(0, before * stored.classCount).buffer.slice(0)).subarray(0, before * stored.classCount * 4))
      .toEqual(Buffer.from(cleanRows.probs.buffer.slice(0)).subarray(0, before * stored.classCount * 4));
    expect(integrityCheck(core)).toBe('ok');
  });

  it('the CLI warns with the count, and the JSON export marks the gap', async () => {
    const db = path.join(dir, 'cli.db');
    const env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir };
    const result = await runCli(['--db', db, 'analyze', damaged, '--model', 'test-frame', '--provider', 'cpu'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('1 of 300 frames');
    const exported = JSON.parse(await exportJson(db, 1, env)) as { run: { gaps: unknown }; frames: { frame: number; labels: string[]; gap?: boolean }[] };
    expect(exported.run.gaps).toEqual([{ startFrame: DAMAGED_FRAME, frameCount: 1 }]);
    expect(exported.frames).toHaveLength(300);
    expect(exported.frames[DAMAGED_FRAME]).toMatchObject({ frame: DAMAGED_FRAME, labels: [], gap: true });
    expect(exported.frames.filter((f) => f.gap)).toHaveLength(1);
  });
});

describe('a mostly damaged file', () => {
  it('every frame but one in twenty undecodable: completes, the damaged ones as gaps', async () => {
    const battered = path.join(dir, 'battered.mp4');
    const lost = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 20 !== 0);
    flipFrameHeaders(clean, battered, lost);
    const core = testCore.open();
    const job = await analyse(core, (await addVideo(core, battered)).id, 'test-frame');
    expect(job.state).toBe('completed');
    const run = core.analysis.run(job.runId!);
    expect(run.frameCount).toBe(300);
    expect(run.gapFrames).toBeGreaterThanOrEqual(lost.length - 15);
  });
});

describe('a file that yields no frame at all', () => {
  it('fails with a reason naming the file, and the next attempt replaces the failed run', async () => {
    const hopeless = path.join(dir, 'no frame.mp4');
    wipeAllFrames(clean, hopeless);
    const core = testCore.open();
    const video = await addVideo(core, hopeless);
    const first = await analyse(core, video.id, 'test-frame');
    expect(first.state).toBe('failed');
    expect(first.error?.message).toContain(`Decoding "${hopeless}" failed: no frame could be decoded`);
    const second = await analyse(core, video.id, 'test-frame');
    expect(second.state).toBe('failed');
    expect(core.analysis.runsForVideo(video.id).map((run) => [run.id, run.status])).toEqual([[second.runId, 'failed']]);
  });
});

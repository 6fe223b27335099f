/**
 * Clips cut with the real ffmpeg from a counter clip (each frame shows its index as a bar code),
 * decoded back with ffprobe/ffmpeg: duration, first frame, and copy versus re-encode by keyframes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportClips, planClips } from '../../../src/main/core/clips/index.js';
import { keyframeTimes } from '../../../src/main/core/clips/keyframes.js';
import { mediaJobs } from '../../../src/main/core/media/index.js';
import { openStore } from '../../../src/main/core/store/index.js';
import { TagEditor } from '../../../src/main/core/tags/editor.js';
import { BIT_WIDTH, BITS, decodeBars, makeCounterClip } from '../../e2e/clips.js';
import { sampleProbe, useTempDir } from '../store/helpers.js';

/** The video stream's duration as ffprobe reads it. */
const probeDuration = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());
const frameCount = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());
function firstFrameIndex(file: string): number {
  const rgba = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 1 << 24 });
  return decodeBars(rgba, BITS * BIT_WIDTH);
}

describe('clip export', () => {
  const temp = useTempDir();

  function setUp() {
    const counter = path.join(temp.dir(), 'counter.mp4');
    makeCounterClip(counter, { frames: 100, fps: 25 });
    // Keyframes every 25 frames (1 s), so a cut at 2.0 s can be copied and one at 2.48 s cannot.
    const video = path.join(temp.dir(), 'match.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-i', counter, '-c:v', 'libx264', '-crf', '16', '-g', '25', '-keyint_min', '25', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-y', video]);
    const store = temp.track(openStore(path.join(temp.dir(), 'clips.db')));
    const row = store.videos.upsert({ path: video, sizeBytes: 1, mtimeMs: 1, fingerprint: 'fp', probe: { ...sampleProbe(video, { fps: 25, frameCount: 100, rFrameRate: { num: 25, den: 1 }, avgFrameRate: { num: 25, den: 1 } }), durationSec: 4 } });
    const editor = new TagEditor(store);
    const track = editor.createTrack(row.id, 'Coach');
    editor.edit(track.trackId, { op: 'create', label: 'goal', startFrame: 50, endFrame: 75 });
    editor.edit(track.trackId, { op: 'create', label: 'foul', startFrame: 62, endFrame: 80 });
    editor.edit(track.trackId, { op: 'create', label: 'goal', startFrame: 10, endFrame: 20 });
    return { store, video, trackId: track.trackId };
  }

  it('lists keyframes from the packet index', async () => {
    const { video } = setUp();
    expect(await keyframeTimes(video)).toEqual([0, 1, 2, 3]);
  });

  it('plans copy when both edges are keyframes, re-encode elsewhere, names from label and time, clamps the rolls', () => {
    const plan = planClips(
      [{ label: 'goal / 1', startSec: 2, endSec: 3 }, { label: 'foul', startSec: 2.48, endSec: 3.2 }, { label: 'foul', startSec: 0.1, endSec: 3.9 }],
      { durationSec: 4, fps: 25, keyframes: [0, 1, 2, 3] },
    );
    expect(plan.map((c) => [c.fileName, c.mode])).toEqual([['goal_1_00m02.000s.mp4', 'copy'], ['foul_00m02.480s.mp4', 'reencode'], ['foul_00m00.100s.mp4', 'reencode']]);
    const rolled = planClips([{ label: 'x', startSec: 0.1, endSec: 3.9 }], { durationSec: 4, fps: 25, keyframes: [0], preRollSec: 0.5, postRollSec: 0.5 });
    expect(rolled[0]).toMatchObject({ startSec: 0, endSec: 4, mode: 'copy', frames: 100 });
    // A keyframe start but an end inside a GOP: copy would not end exactly there.
    expect(planClips([{ label: 'x', startSec: 1, endSec: 2.5 }], { durationSec: 4, fps: 25, keyframes: [0, 1, 2, 3] })[0]!.mode).toBe('reencode');
  });

  it('cuts each clip (copied on a keyframe, re-encoded otherwise) with the right first frame and duration, and a highlight reel', async () => {
    const { store, trackId } = setUp();
    const outDir = path.join(temp.dir(), 'clips');
    const progress: number[] = [];
    const result = await exportClips(store, { trackId }, { outDir, labels: ['goal', 'foul'], reel: true, onProgress: (p) => progress.push(p.done) });
    expect(result.clips.map((c) => [c.label, c.mode])).toEqual([['goal', 'reencode'], ['goal', 'copy'], ['foul', 'reencode']]);
    const [early, copied, foul] = result.clips;
    expect(firstFrameIndex(early!.file)).toBe(10);
    expect(firstFrameIndex(copied!.file)).toBe(50);
    expect(firstFrameIndex(foul!.file)).toBe(62);
    expect(frameCount(copied!.file)).toBe(25);
    expect(frameCount(foul!.file)).toBe(18);
    expect(probeDuration(copied!.file)).toBeCloseTo(1.0, 2);
    expect(probeDuration(foul!.file)).toBeCloseTo(0.72, 2);
    expect(frameCount(result.reel!)).toBe(10 + 25 + 18);
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(mediaJobs.running()).toEqual([]);
  }, 60_000);

  it('pre-roll moves the start earlier; a filter leaves only its label; cancel removes what was cut', async () => {
    const { store, trackId } = setUp();
    const outDir = path.join(temp.dir(), 'rolled');
    const { clips } = await exportClips(store, { trackId }, { outDir, labels: ['foul'], preRollSec: 0.2, postRollSec: 0.2 });
    expect(clips).toHaveLength(1);
    expect(firstFrameIndex(clips[0]!.file)).toBe(57);
    expect(frameCount(clips[0]!.file)).toBe(28);
    const controller = new AbortController();
    const cancelled = exportClips(store, { trackId }, { outDir: path.join(temp.dir(), 'cancelled'), reel: true, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(cancelled).rejects.toThrow('cancelled');
    expect(existsSync(path.join(temp.dir(), 'cancelled')) ? readdirSync(path.join(temp.dir(), 'cancelled')) : []).toEqual([]);
    await expect(exportClips(store, { trackId }, { outDir, labels: ['nothing'] })).rejects.toThrow('No segments match the label(s) nothing');
  }, 60_000);
});

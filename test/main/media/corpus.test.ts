import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrames, probeVideo } from '../../../src/main/core/media/index.js';
import { CORPUS_DIR, countFramesWithFfprobe } from '../../helpers/clips.js';
import { collectFrames } from '../../helpers/frames.js';

/** As listed in ../shared/corpus/README.md. */
const CLIPS = [
  {
    file: 'kinetics-armwrestling-340x256-28fps.mp4',
    container: /mp4/,
    codec: 'h264',
    size: [340, 256],
    rate: { num: 28, den: 1 },
    frames: 280,
    audio: null,
  },
  {
    file: 'mpeg4-mp3-320x240-25fps.avi',
    container: /^avi$/,
    codec: 'mpeg4',
    size: [320, 240],
    rate: { num: 25, den: 1 },
    frames: 164,
    audio: 'mp3',
  },
  {
    file: 'ntsc-29.97fps-426x240.mp4',
    container: /mp4/,
    codec: 'h264',
    size: [426, 240],
    rate: { num: 30000, den: 1001 },
    frames: 300,
    audio: null,
  },
  {
    file: 'ntu-drink-1080p-30fps-h264.avi',
    container: /^avi$/,
    codec: 'h264',
    size: [1920, 1080],
    rate: { num: 30, den: 1 },
    frames: 103,
    audio: null,
  },
] as const;

const present = existsSync(CORPUS_DIR);
const skipNote = present ? '' : ` (skipped: ${path.relative(process.cwd(), CORPUS_DIR)} not found)`;

describe.skipIf(!present)(`real footage in ../shared/corpus${skipNote}`, () => {
  it.each(CLIPS)('probes $file', async ({ file, container, codec, size, rate, frames, audio }) => {
    const probe = await probeVideo(path.join(CORPUS_DIR, file));
    expect(probe.container).toMatch(container);
    expect(probe.video).toMatchObject({
      codec,
      width: size[0],
      height: size[1],
      displayWidth: size[0],
      displayHeight: size[1],
      rotation: 0,
      rFrameRate: rate,
      avgFrameRate: rate,
      variableFrameRate: false,
      frameCount: frames,
      frameCountSource: 'container',
    });
    expect(probe.audio?.codec ?? null).toBe(audio);
  });

  it.each(CLIPS)('decodes $file to 112x112, every frame ffprobe counts', async ({ file, frames }) => {
    const absolute = path.join(CORPUS_DIR, file);
    const stream = decodeFrames(absolute, { width: 112, height: 112 });
    const decoded = await collectFrames(stream);
    expect(decoded).toHaveLength(await countFramesWithFfprobe(absolute));
    expect(decoded).toHaveLength(frames);
    expect(decoded.at(-1)).toMatchObject({ index: frames - 1, bytes: 112 * 112 * 3 });
    expect(decoded.every((f, i) => i === 0 || f.pts > decoded[i - 1]!.pts)).toBe(true);
    expect(await stream.done).toMatchObject({ endedBy: 'end', exitCode: 0 });
  });
});

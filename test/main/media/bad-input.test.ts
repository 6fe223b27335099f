import { chmodSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/shared/errors.js';
import { decodeFrames, mediaJobs, probeVideo } from '../../../src/main/core/media/index.js';
import { makeAudioClip, makeClip, tmpDir } from '../../helpers/clips.js';
import { collectFrames } from '../../helpers/frames.js';
import { mediaChildProcesses } from '../../helpers/processes.js';

interface BadInput {
  name: string;
  code: ErrorCode;
  reason: RegExp;
  file: string;
}

const isRoot = process.getuid?.() === 0;
const cases: BadInput[] = [];
let dir: string;

beforeAll(async () => {
  dir = tmpDir('bad');
  const at = (name: string): string => path.join(dir, name);
  const add = (name: string, code: ErrorCode, reason: RegExp, file: string): number => cases.push({ name, code, reason, file });

  add('a missing file', 'FILE_NOT_FOUND', /does not exist/, at('gone.mp4'));
  writeFileSync(at('empty.mp4'), '');
  add('a zero-byte file', 'EMPTY_FILE', /empty \(0 bytes\)/, at('empty.mp4'));
  writeFileSync(at('readme.mp4'), 'this is a text file that claims to be a video\n'.repeat(50));
  add('a text file named .mp4', 'NOT_MEDIA', /not a video file/, at('readme.mp4'));
  mkdirSync(at('folder.mp4'));
  add('a directory', 'NOT_A_FILE', /is a folder/, at('folder.mp4'));

  // moov is written at the end without faststart: cutting the file in half loses the index.
  const truncated = await makeClip({ dir, name: 'truncated.mp4', seconds: 2, fps: '25', width: 160, height: 120 });
  truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
  add('an MP4 truncated at half its size', 'CORRUPT_MEDIA', /index \(the "moov" atom\) is missing or damaged/, truncated);

  const noMoov = await makeClip({ dir, name: 'no-moov.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
  const bytes = readFileSync(noMoov);
  bytes.write('xxxx', bytes.indexOf('moov'));
  writeFileSync(noMoov, bytes);
  add('an MP4 whose moov atom is destroyed', 'CORRUPT_MEDIA', /"moov" atom\) is missing or damaged/, noMoov);

  const sound = await makeAudioClip({ dir, name: 'sound.m4a', seconds: 1 });
  add('an audio-only file', 'NO_VIDEO_STREAM', /no video stream: it contains only audio/, sound);
});

afterEach(() => {
  expect(mediaJobs.running()).toEqual([]);
  expect(mediaChildProcesses()).toEqual([]);
});

async function expectRejection(run: () => Promise<unknown>, { code, reason, file }: BadInput): Promise<void> {
  const started = Date.now();
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(error).toMatchObject({ name: 'AppError', code, file });
  const message = (error as Error).message;
  expect(message).toContain(path.basename(file));
  expect(message).toMatch(reason);
}

describe('bad input is refused with a named file and a reason', () => {
  // Cases are built in beforeAll; the names are fixed here so each shows up as its own test.
  const names = [
    'a missing file',
    'a zero-byte file',
    'a text file named .mp4',
    'a directory',
    'an MP4 truncated at half its size',
    'an MP4 whose moov atom is destroyed',
    'an audio-only file',
  ];

  it.each(names)('probeVideo: %s', async (name) => {
    const bad = cases.find((c) => c.name === name)!;
    await expectRejection(() => probeVideo(bad.file), bad);
  });

  it.each(names)('decodeFrames: %s', async (name) => {
    const bad = cases.find((c) => c.name === name)!;
    const stream = decodeFrames(bad.file, { width: 16, height: 16 });
    await expectRejection(() => collectFrames(stream), bad);
    await expect(stream.done).rejects.toMatchObject({ code: bad.code });
  });

  it.skipIf(isRoot)(`an unreadable file${isRoot ? ' (skipped: running as root, which reads any file)' : ''}`, async () => {
    const file = await makeClip({ dir, name: 'locked.mp4', seconds: 0.2, fps: '25', width: 64, height: 48 });
    chmodSync(file, 0o000);
    const bad = { name: 'unreadable', code: 'UNREADABLE', reason: /permission denied/, file } as const;
    await expectRejection(() => probeVideo(file), bad);
    await expectRejection(() => collectFrames(decodeFrames(file, { width: 8, height: 8 })), bad);
  });
});

describe('a file cut off in the middle of its media data', () => {
  it('yields the frames before the damage, then fails naming the last frame decoded', async () => {
    // faststart puts the index first, so the file still opens and claims 50 frames.
    const file = await makeClip({ dir, name: 'cut.mp4', seconds: 2, fps: '25', width: 160, height: 120, faststart: true });
    truncateSync(file, Math.floor(statSync(file).size * 0.6));
    const indices: number[] = [];
    const started = Date.now();
    const error = await (async () => {
      for await (const frame of decodeFrames(file, { width: 16, height: 16 })) indices.push(frame.index);
    })().then(
      () => null,
      (e: unknown) => e as Error & { code: string; file: string },
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ code: 'DECODE_FAILED', file });
    expect(indices.length).toBeGreaterThan(5);
    expect(indices.length).toBeLessThan(50);
    expect(indices).toEqual([...Array(indices.length).keys()]);
    expect(error!.message).toContain(`decoded frames 0..${indices.length - 1}; then: `);
    expect(error!.message).toContain('cut.mp4');
  });
});

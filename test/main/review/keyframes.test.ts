import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { resolveBinaries } from '../../../src/main/core/media/index.js';
import { accurateSeekArgs, keyframeAtOrBefore } from '../../../src/main/core/review/keyframes.js';
import { tmpDir } from '../../helpers/clips.js';

const run = promisify(execFile);

it('finds the keyframe at or before a time in an MPEG-TS whose clock starts at 1.4 s (GOP of 1 s)', async () => {
  const file = path.join(tmpDir('keyframes'), 'cam.ts');
  await run(resolveBinaries().ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-f', 'mpegts', '-y', file]);
  expect(await keyframeAtOrBefore(file, 0)).toBeCloseTo(0, 3);
  expect(await keyframeAtOrBefore(file, 0.5)).toBeCloseTo(0, 3);
  expect(await keyframeAtOrBefore(file, 2.5)).toBeCloseTo(2, 3);
  expect(await keyframeAtOrBefore(file, 4)).toBeCloseTo(4, 3);
  expect(await accurateSeekArgs(file, 3.3)).toEqual(['-ss', '3.000', '-i', file, '-ss', '0.300']);
});

it('looks further back when the keyframes are further apart than the first look (a GOP of 10 s)', async () => {
  const file = path.join(tmpDir('keyframes'), 'sparse.ts');
  await run(resolveBinaries().ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-t', '25', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '250', '-keyint_min', '250', '-sc_threshold', '0', '-f', 'mpegts', '-y', file]);
  expect(await keyframeAtOrBefore(file, 18)).toBeCloseTo(10, 3);
  expect(await keyframeAtOrBefore(file, 9.5)).toBeCloseTo(0, 3);
  expect(await keyframeAtOrBefore(file, 20)).toBeCloseTo(20, 3);
});

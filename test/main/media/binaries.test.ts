import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearBinaryCache,
  findOnPath,
  resolveBinaries,
  unpackedAsarPath,
} from '../../../src/main/core/media/binaries.js';
import { tmpDir } from '../../helpers/clips.js';

const saved = { FFMPEG_PATH: process.env.FFMPEG_PATH, FFPROBE_PATH: process.env.FFPROBE_PATH, PATH: process.env.PATH };

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  clearBinaryCache();
});

function fakeBinary(dir: string, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('resolveBinaries', () => {
  it('finds both tools in this environment', () => {
    delete process.env.FFMPEG_PATH;
    delete process.env.FFPROBE_PATH;
    const { ffmpeg, ffprobe } = resolveBinaries();
    expect(ffmpeg.source).toMatch(/package|system/);
    // ffprobe ships with @ffprobe-installer/ffprobe, a regular dependency.
    expect(ffprobe.source).toBe('package');
    expect(ffprobe.path).toContain('@ffprobe-installer');
  });

  it('prefers FFMPEG_PATH / FFPROBE_PATH and caches the result', () => {
    const dir = tmpDir('bin');
    process.env.FFMPEG_PATH = fakeBinary(dir, 'my-ffmpeg');
    process.env.FFPROBE_PATH = fakeBinary(dir, 'my-ffprobe');
    clearBinaryCache();
    expect(resolveBinaries()).toEqual({
      ffmpeg: { path: path.join(dir, 'my-ffmpeg'), source: 'env' },
      ffprobe: { path: path.join(dir, 'my-ffprobe'), source: 'env' },
    });
    delete process.env.FFMPEG_PATH;
    expect(resolveBinaries().ffmpeg.source).toBe('env');
  });

  it('fails clearly when FFMPEG_PATH names a missing file', () => {
    process.env.FFMPEG_PATH = '/nowhere/ffmpeg';
    clearBinaryCache();
    expect(() => resolveBinaries()).toThrow(
      expect.objectContaining({ code: 'BINARY_NOT_FOUND', message: expect.stringMatching(/FFMPEG_PATH.*\/nowhere\/ffmpeg/) }),
    );
  });

  it('falls back to PATH and says what to install when nothing is found', () => {
    const dir = tmpDir('path');
    delete process.env.FFMPEG_PATH;
    process.env.PATH = dir;
    clearBinaryCache();
    // ffmpeg-static is an optional dependency that is not installed here: PATH is the last resort.
    expect(() => resolveBinaries()).toThrow(
      expect.objectContaining({ code: 'BINARY_NOT_FOUND', message: expect.stringMatching(/Install FFmpeg.*FFMPEG_PATH/) }),
    );
    fakeBinary(dir, 'ffmpeg');
    expect(resolveBinaries().ffmpeg).toEqual({ path: path.join(dir, 'ffmpeg'), source: 'system' });
  });

  it('skips non-executable files on PATH', () => {
    const dir = tmpDir('noexec');
    writeFileSync(path.join(dir, 'ffmpeg'), 'not executable');
    expect(findOnPath('ffmpeg', dir)).toBeNull();
  });
});

describe('unpackedAsarPath', () => {
  it('points into app.asar.unpacked for binaries inside a packaged app', () => {
    const inside = ['app', 'resources', 'app.asar', 'node_modules', 'ffmpeg-static', 'ffmpeg'].join(path.sep);
    expect(unpackedAsarPath(inside)).toBe(inside.replace('app.asar', 'app.asar.unpacked'));
    const unpacked = inside.replace('app.asar', 'app.asar.unpacked');
    expect(unpackedAsarPath(unpacked)).toBe(unpacked);
    expect(unpackedAsarPath('/usr/bin/ffmpeg')).toBe('/usr/bin/ffmpeg');
  });
});

import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';

const BIN = resolve(import.meta.dirname, '../../../bin/actionlens.mjs');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ACTIONLENS_DATA_DIR: dataDir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dataDir = '';

describe('actionlens CLI', () => {
  let dir: string;
  let db: string;
  let clip: string;

  beforeAll(async () => {
    dir = tmpDir('cli');
    dataDir = join(dir, 'data');
    db = join(dir, 'cli.db');
    mkdirSync(join(dir, 'videos'));
    clip = await makeClip({ dir: join(dir, 'videos'), name: 'walk 01.mp4', seconds: 1, fps: '30', width: 160, height: 120 });
    writeFileSync(join(dir, 'videos', 'thumbs.db'), 'x');
  });

  it('lists an empty library', async () => {
    const result = await cli('--db', db, '--json', 'library', 'list');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('adds a folder, skipping other files with a one-line reason', async () => {
    const result = await cli('--db', db, 'library', 'add', join(dir, 'videos'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`added      ${clip}  (160x120 · 30 fps`);
    expect(result.stdout).toContain(`skipped    ${join(dir, 'videos', 'thumbs.db')}: not a video file type (.db)`);
    expect(result.stdout).toContain('1 added, 0 unchanged, 1 skipped');
  });

  it('lists the library as JSON with the probe data', async () => {
    const result = await cli('--db', db, '--json', 'library', 'list');
    const videos = JSON.parse(result.stdout) as { path: string; probe: { video: { frameCount: number } } }[];
    expect(videos.map((v) => v.path)).toEqual([clip]);
    expect(videos[0]!.probe.video.frameCount).toBe(30);
  });

  it('probes a file', async () => {
    const result = await cli('probe', clip);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/display size\s+160x120/);
    expect(result.stdout).toMatch(/frames\s+30 \(container\)/);
  });

  it('fails with exit 1 and names the file when a named file cannot be added', async () => {
    const missing = join(dir, 'nowhere.mp4');
    const result = await cli('--db', db, 'library', 'add', missing);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`skipped    ${missing}:`);
    const probe = await cli('probe', missing);
    expect(probe.code).toBe(1);
    expect(probe.stderr).toContain('nowhere.mp4');
  });

  it('uses the per-user data folder when --db is not given', async () => {
    const result = await cli('--json', 'info');
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as { databaseFile: string; ffmpeg: { path: string } | null };
    expect(info.databaseFile).toBe(join(dataDir, 'actionlens.db'));
    expect(info.ffmpeg?.path).toBeTruthy();
  });
});

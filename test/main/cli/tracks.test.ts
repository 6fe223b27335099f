/** `actionlens export track:<id> --format eaf|sportscode|csv|json|longomatch` and `actionlens tracks import` round-trip through real files. */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/core/store/index.js';
import { TagEditor } from '../../../src/main/core/tags/editor.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';

const BIN = resolve(import.meta.dirname, '../../../bin/actionlens.mjs');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ACTIONLENS_DATA_DIR: join(dir, 'data') } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir = '';

describe('actionlens export of tracks, tracks import', () => {
  let db: string;
  let trackId: number;
  let videoId: number;

  beforeAll(async () => {
    dir = tmpDir('cli-tracks');
    db = join(dir, 'cli.db');
    const clip = await makeClip({ dir, name: 'match.mp4', seconds: 2, fps: '25', width: 64, height: 48 });
    const added = await cli('--db', db, '--json', 'library', 'add', clip);
    expect(added.code, added.stderr).toBe(0);
    const store = openStore(db);
    videoId = store.videos.list()[0]!.id;
    const editor = new TagEditor(store);
    trackId = editor.createTrack(videoId, 'Coach').trackId;
    editor.edit(trackId, { op: 'create', label: 'pass', startFrame: 3, endFrame: 17 });
    editor.edit(trackId, { op: 'create', label: 'shot', startFrame: 12, endFrame: 40 });
    store.close();
  }, 60_000);

  for (const format of ['eaf', 'sportscode', 'csv', 'json', 'longomatch']) {
    it(`${format}: export --out, import the file, export again: identical segments`, async () => {
      const out = join(dir, `coach.${format}.out`);
      const exported = await cli('--db', db, 'export', `track:${trackId}`, '--format', format, '--out', out);
      expect(exported.code, exported.stderr).toBe(0);
      const imported = await cli('--db', db, '--json', 'tracks', 'import', String(videoId), out, '--format', format, '--name', `back from ${format}`);
      expect(imported.code, imported.stderr).toBe(0);
      const [newId] = (JSON.parse(imported.stdout) as { trackIds: number[] }).trackIds;
      const again = await cli('--db', db, 'export', `track:${newId}`, '--format', 'json');
      const segments = (text: string) => (JSON.parse(text) as { tracks: { segments: { label: string; startFrame: number; endFrame: number }[] }[] }).tracks[0]!.segments.map(({ label, startFrame, endFrame }) => [label, startFrame, endFrame]);
      const original = await cli('--db', db, 'export', `track:${trackId}`, '--format', 'json');
      expect(segments(again.stdout)).toEqual([['pass', 3, 17], ['shot', 12, 40]]);
      expect(segments(again.stdout)).toEqual(segments(original.stdout));
      if (format === 'eaf') expect(readFileSync(out, 'utf8')).toContain('<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="120"/>');
    }, 60_000);
  }

  it('clips track:<id> --label cuts that label only, named from label and time; ffprobe reads each', async () => {
    const out = join(dir, 'clips');
    const result = await cli('--db', db, '--json', 'clips', `track:${trackId}`, '--label', 'pass', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const { clips } = JSON.parse(result.stdout) as { clips: { file: string; mode: string; label: string }[] };
    expect(clips.map((c) => [c.label, c.file, c.mode])).toEqual([['pass', join(out, 'pass_00m00.120s.mp4'), 'reencode']]);
    const frames = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', clips[0]!.file], { encoding: 'utf8' });
    expect(Number(frames)).toBe(14);
    const none = await cli('--db', db, 'clips', `track:${trackId}`, '--label', 'nothing', '--out', out);
    expect(none.stderr).toBe('actionlens: No segments match the label(s) nothing: no clips to cut.\n');
  }, 60_000);

  it('refuses with one line: an unknown track, a file of the wrong format', async () => {
    const missing = await cli('--db', db, 'export', 'track:999', '--format', 'eaf');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('actionlens: No annotation track with id 999.\n');
    const wrong = await cli('--db', db, 'tracks', 'import', String(videoId), db, '--format', 'eaf');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^actionlens: cli\.db \(eaf\): is not well-formed XML: .*\n$/);
  }, 60_000);
});

import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../../src/main/core/library/library.js';
import { mediaJobs, probeVideo } from '../../../src/main/core/media/index.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { snapshotDatabase } from '../../helpers/dbSnapshot.js';

describe('Library.add', () => {
  let dir: string;
  let store: Store;
  let library: Library;
  let goodMp4: string;

  beforeAll(async () => {
    dir = tmpDir('library');
    const folder = join(dir, 'footage');
    mkdirSync(join(folder, 'day 2'), { recursive: true });
    goodMp4 = await makeClip({ dir: folder, name: 'match.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
    await makeClip({ dir: join(folder, 'day 2'), name: 'camera.avi', seconds: 1, fps: '30', width: 160, height: 120, codec: 'mpeg4', container: 'avi' });
    writeFileSync(join(folder, 'notes.txt'), 'not a video');
    store = openStore(join(dir, 'library.db'));
    library = new Library(store, (file) => probeVideo(file));
  });

  afterAll(() => store?.close());

  it('adds a folder recursively and lists every other file as skipped with its reason', async () => {
    const report = await library.add([join(dir, 'footage')]);
    expect(report.added.map((v) => v.fileName)).toEqual(['camera.avi', 'match.mp4']);
    expect(report.skipped).toEqual([{ path: join(dir, 'footage', 'notes.txt'), code: 'NOT_MEDIA', reason: 'not a video file type (.txt)' }]);
    expect(report.namedFailures).toBe(0);
    const avi = report.added[0]!;
    expect(avi.probe.video).toMatchObject({ codec: 'mpeg4', width: 160, height: 120, frameCount: 30 });
    expect(avi.fingerprint).toMatch(/^ss1:[0-9a-f]{64}$/);
    expect(library.list()).toHaveLength(2);
  });

  it('recognises files it already has and does not probe them again', async () => {
    let probes = 0;
    const counting = new Library(store, (file) => ((probes += 1), probeVideo(file)));
    const report = await counting.add([join(dir, 'footage')]);
    expect(report.added).toEqual([]);
    expect(report.unchanged).toHaveLength(2);
    expect(probes).toBe(0);
  });

  it('gives a copy of a file the same fingerprint', async () => {
    const copy = join(dir, 'copy of match.mp4');
    copyFileSync(goodMp4, copy);
    const report = await library.add([copy]);
    const original = library.list().find((v) => v.path === goodMp4)!;
    expect(report.added[0]!.fingerprint).toBe(original.fingerprint);
  });

  it('adds a path with spaces and non-ASCII characters', async () => {
    const clip = await makeClip({ dir: join(dir, 'dir with spaces'), name: 'vidéo 日本 (1).mp4', seconds: 1, fps: '25', width: 128, height: 96 });
    const report = await library.add([clip]);
    expect(report.added.map((v) => v.path)).toEqual([clip]);
    expect(report.added[0]!.probe.video.frameCount).toBe(25);
  });

  it('refuses bad files one by one, naming each and why, and leaves the database unchanged', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    const zero = join(bad, 'empty.mp4');
    writeFileSync(zero, '');
    const text = join(bad, 'readme.mp4');
    writeFileSync(text, 'this is a text file that claims to be a video\n'.repeat(50));
    const truncated = await makeClip({ dir: bad, name: 'truncated.mp4', seconds: 2, fps: '25', width: 160, height: 120 });
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const noMoov = await makeClip({ dir: bad, name: 'no-moov.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
    const bytes = readFileSync(noMoov);
    bytes.write('xxxx', bytes.indexOf('moov'));
    writeFileSync(noMoov, bytes);
    const missing = join(bad, 'gone.mp4');

    const before = snapshotDatabase(store.db);
    const started = Date.now();
    const report = await library.add([missing, zero, text, truncated, noMoov]);
    expect(Date.now() - started).toBeLessThan(10_000);

    expect(report.added).toEqual([]);
    expect(report.namedFailures).toBe(5);
    const byPath = new Map(report.skipped.map((s) => [s.path, s]));
    expect(byPath.get(missing)?.code).toBe('FILE_NOT_FOUND');
    expect(byPath.get(zero)?.code).toBe('EMPTY_FILE');
    expect(byPath.get(text)?.code).toBe('NOT_MEDIA');
    expect(byPath.get(truncated)?.code).toBe('CORRUPT_MEDIA');
    expect(byPath.get(noMoov)?.code).toBe('CORRUPT_MEDIA');
    for (const skip of report.skipped) expect(skip.reason).toContain('.mp4');

    expect(snapshotDatabase(store.db)).toEqual(before);
    expect(mediaJobs.running()).toEqual([]);
  });

  it('removes a video from the library but never the file', async () => {
    const video = library.list().find((v) => v.path === goodMp4)!;
    expect(library.remove(video.id)).toBe(true);
    expect(library.list().some((v) => v.id === video.id)).toBe(false);
    expect(existsSync(goodMp4)).toBe(true);
    expect(library.remove(video.id)).toBe(false);
  });
});

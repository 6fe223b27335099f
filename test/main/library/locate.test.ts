import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/shared/errors.js';
import { Library } from '../../../src/main/core/library/library.js';
import { probeVideo } from '../../../src/main/core/media/index.js';
import { openStore, type Store } from '../../../src/main/core/store/index.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { snapshotDatabase } from '../../helpers/dbSnapshot.js';

describe('Library: missing files and locate', () => {
  let dir: string;
  let store: Store;
  let library: Library;
  let clip: string;
  let other: string;

  beforeAll(async () => {
    dir = tmpDir('locate');
    clip = await makeClip({ dir, name: 'match.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
    other = await makeClip({ dir, name: 'other.mp4', seconds: 1, fps: '30', width: 160, height: 120 });
    store = openStore(join(dir, 'library.db'));
    library = new Library(store, (file) => probeVideo(file));
    await library.add([clip, other]);
  });

  afterAll(() => store?.close());

  const expectRefused = async (id: number, path: string, code: string, text: RegExp) => {
    const before = snapshotDatabase(store.db);
    const error = await library.locate(id, path).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ code, field: 'path' });
    expect((error as Error).message).toMatch(text);
    expect(snapshotDatabase(store.db)).toEqual(before);
  };

  it('shows a moved file as missing, and locating it keeps its id', async () => {
    const video = library.list().find((v) => v.path === clip)!;
    expect(video.missing).toBe(false);
    const moved = join(dir, 'moved', '..', 'match (moved).mp4');
    renameSync(clip, moved);
    expect(library.get(video.id)!.missing).toBe(true);
    const located = await library.locate(video.id, moved);
    expect(located).toMatchObject({ id: video.id, path: join(dir, 'match (moved).mp4'), fingerprint: video.fingerprint, missing: false });
    expect(library.list().filter((v) => v.missing)).toEqual([]);
  });

  it('refuses a file with other content, naming both', async () => {
    const video = library.list().find((v) => v.fileName === 'match (moved).mp4')!;
    const copy = join(dir, 'not the same.mp4');
    copyFileSync(other, copy);
    await expectRefused(video.id, copy, 'INVALID_ARGUMENT', /not the same video as match \(moved\)\.mp4/);
  });

  it('refuses a path with no file, and the path of another video in the library', async () => {
    const video = library.list().find((v) => v.fileName === 'match (moved).mp4')!;
    await expectRefused(video.id, join(dir, 'nowhere.mp4'), 'FILE_NOT_FOUND', /no file there/);
    await expectRefused(video.id, dir, 'NOT_A_FILE', /not a file/);
    await expectRefused(video.id, other, 'INVALID_ARGUMENT', /already in the library as another video/);
  });

  it('refuses an unknown video id', async () => {
    await expect(library.locate(999, other)).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

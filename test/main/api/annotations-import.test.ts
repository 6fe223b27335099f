/**
 * `annotations.import` names a file on the disk: whatever the caller names, it reads only a
 * regular file up to MAX_LABELS_FILE_BYTES and never repeats the file's characters in an error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import { MAX_LABELS_FILE_BYTES } from '../../../src/main/core/api/annotations.js';
import type { AppCore } from '../../../src/main/core/app.js';
import type { SerializedError } from '../../../src/shared/errors.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { addVideo, useTestCore } from '../analysis/core.js';

const SECRET = 'root:$6$Zm9vYmFyc2VjcmV0aGFzaA:19000:0:99999:7:::';

async function refusal(core: AppCore, args: unknown): Promise<SerializedError> {
  const outcome = await dispatchCall(core.handlers, 'annotations.import', args);
  if (outcome.ok) throw new Error(`annotations.import was expected to fail, returned ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

describe('annotations.import on any path', () => {
  const cores = useTestCore();

  async function setUp() {
    const dir = tmpDir('labels-import');
    const core = cores.open({ databaseFile: path.join(dir, 'labels.db') });
    const video = await addVideo(core, await makeClip({ dir, name: 'clip.mp4', seconds: 1, fps: '25', width: 64, height: 48 }));
    return { dir, core, videoId: video.id };
  }

  it('never repeats a file that is not JSON, or JSON of the wrong shape, in its error', async () => {
    const { dir, core, videoId } = await setUp();
    const shadowLike = path.join(dir, 'shadow');
    writeFileSync(shadowLike, `${SECRET}\nbin:*:19000:0:99999:7:::\n`);
    const notJson = await refusal(core, { videoId, path: shadowLike });
    expect(notJson).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'path', message: `${shadowLike} is not JSON: a labels file is JSON` });
    for (const content of [JSON.stringify(SECRET), JSON.stringify({ segments: [{ label: SECRET, startFrame: SECRET, endFrame: 3 }] }), JSON.stringify({ classes: SECRET, segments: [] })]) {
      writeFileSync(shadowLike, content);
      const error = await refusal(core, { videoId, path: shadowLike });
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(JSON.stringify(error)).not.toContain('Zm9v');
      expect(JSON.stringify(error)).not.toContain('root:');
    }
    expect(core.store.annotations.listForVideo(videoId)).toEqual([]);
  });

  it('refuses a device, a FIFO and a folder without reading them (no hang on the FIFO, no endless /dev/zero)', async () => {
    const { dir, core, videoId } = await setUp();
    const fifo = path.join(dir, 'labels.fifo');
    execFileSync('mkfifo', [fifo]);
    const folder = path.join(dir, 'labels.json');
    mkdirSync(folder);
    const zeroLink = path.join(dir, 'zero.json');
    symlinkSync('/dev/zero', zeroLink);
    for (const file of ['/dev/zero', '/dev/urandom', fifo, folder, zeroLink]) {
      const error = await refusal(core, { videoId, path: file });
      expect(error).toMatchObject({ code: 'NOT_A_FILE', field: 'path', message: `${file} is not a regular file: a labels file is a file` });
    }
  });

  it(`refuses a file larger than ${MAX_LABELS_FILE_BYTES / 2 ** 20} MiB unread, and imports one at the limit's side`, async () => {
    const { dir, core, videoId } = await setUp();
    const huge = path.join(dir, 'huge.labels.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_LABELS_FILE_BYTES + 1); // sparse: no disk used
    const error = await refusal(core, { videoId, path: huge });
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'path', message: `${huge} is 64 MiB: a labels file may be at most 64 MiB` });

    const good = path.join(dir, 'good.labels.json');
    writeFileSync(good, JSON.stringify({ classes: ['walk'], segments: [{ label: 'walk', startFrame: 0, endFrame: 10 }] }));
    const linked = path.join(dir, 'linked.labels.json');
    symlinkSync(good, linked);
    const outcome = await dispatchCall(core.handlers, 'annotations.import', { videoId, path: linked });
    expect(outcome).toMatchObject({ ok: true, value: { name: 'linked.labels', segmentCount: 1 } });
  });

  it('says a missing file is missing', async () => {
    const { dir, core, videoId } = await setUp();
    const missing = path.join(dir, 'nope.json');
    expect(await refusal(core, { videoId, path: missing })).toMatchObject({ code: 'FILE_NOT_FOUND', field: 'path', message: `Cannot read the labels file ${missing}: no such file` });
  });
});

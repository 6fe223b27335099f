import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';

describe('library.add progress', () => {
  let core: AppCore;
  let folder: string;

  beforeAll(async () => {
    const dir = tmpDir('add-progress');
    folder = join(dir, 'footage');
    for (const name of ['a.mp4', 'b.mp4', 'c.mp4']) await makeClip({ dir: folder, name, seconds: 1, fps: '25', width: 64, height: 48 });
    core = openAppCore({ databaseFile: join(dir, 'progress.db'), version: '0.0.0-test' });
  });

  afterAll(async () => core?.close());

  it('reports files read out of the total while a folder is added, ending with all of them', async () => {
    const events: { done: number; total: number; file: string }[] = [];
    const off = core.on('library.progress', (p) => events.push(p));
    const report = await core.handlers['library.add']({ paths: [folder] });
    off();
    expect(report.added).toHaveLength(3);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(events.every((e, i) => i === 0 || e.done > events[i - 1]!.done)).toBe(true);
  });
});

/**
 * The log file: ffmpeg/ffprobe command lines, slow SQL statements and contract calls land in it
 * as JSON lines, and it rotates at its size cap keeping the newest files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../src/main/core/api/dispatch.js';
import { configureLogging, LOG_FILE_NAME, stopLogging } from '../../../src/main/core/log/logger.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { useTestCore } from '../analysis/core.js';

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logger', () => {
  const cores = useTestCore();
  afterEach(() => stopLogging());

  it('logs every media command line, slow SQL and slow calls to the file', async () => {
    const dir = tmpDir('log');
    configureLogging({ dir });
    const file = path.join(dir, LOG_FILE_NAME);
    const clip = await makeClip({ dir, name: 'logged clip.mp4', seconds: 1, fps: '25', width: 64, height: 48 });
    const core = cores.open();
    const added = await dispatchCall(core.handlers, 'library.add', { paths: [clip] });
    expect(added.ok).toBe(true);
    const probe = lines(file).find((line) => line.msg === 'media command');
    expect(probe).toMatchObject({ level: 30, argv: expect.arrayContaining([clip]) as unknown });

    // A statement over 40 ms: a recursive count, through the store's guarded prepare.
    const slow = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) FROM n';
    core.store.db.prepare(slow).get();
    expect(lines(file).find((line) => line.msg === 'slow SQL statement')).toMatchObject({ level: 40, sql: slow, ms: expect.any(Number) as unknown });

    // A contract call over 100 ms (a handler that waits 150 ms).
    await dispatchCall({ 'app.info': () => new Promise((resolve) => setTimeout(() => resolve({}), 150)) } as never, 'app.info', {});
    const slowCall = lines(file).find((line) => line.msg === 'slow contract call' && line.call === 'app.info');
    expect(slowCall).toMatchObject({ level: 40, ms: expect.any(Number) as unknown });
    expect(slowCall!.ms).toBeGreaterThanOrEqual(140);
  });

  it('rotates at the size cap, keeping the newest files', () => {
    const dir = tmpDir('log-rotate');
    const logger = configureLogging({ dir, maxBytes: 4096, keep: 2 });
    for (let i = 0; i < 300; i++) logger.info({ i, padding: 'x'.repeat(40) }, 'line');
    const file = path.join(dir, LOG_FILE_NAME);
    for (const name of [file, `${file}.1`, `${file}.2`]) expect(statSync(name).size).toBeLessThanOrEqual(4096);
    expect(existsSync(`${file}.3`)).toBe(false);
    // Nothing lost within the kept files, and the newest line is in the current file.
    const kept = [...lines(`${file}.2`), ...lines(`${file}.1`), ...lines(file)].map((line) => line.i as number);
    expect(kept.at(-1)).toBe(299);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, k) => 300 - kept.length + k));
  });
});

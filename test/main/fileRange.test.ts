import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { fileResponse, parseByteRange } from '../../src/main/core/serve/fileRange.js';

describe('parseByteRange', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['items=0-1', null],
    ['bytes=0-', { start: 0, end: 99 }],
    ['bytes=10-19', { start: 10, end: 19 }],
    ['bytes=90-500', { start: 90, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=100-', 'unsatisfiable'],
    ['bytes=20-10', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
  ] as const)('%s on 100 bytes → %j', (header, expected) => {
    expect(parseByteRange(header, 100)).toEqual(expected);
  });
});

describe('fileResponse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'actionlens-range-'));
  const file = join(dir, 'clip é.mp4');
  writeFileSync(file, '0123456789'.repeat(10));

  it('serves the whole file with Accept-Ranges', async () => {
    const response = await fileResponse(file, null);
    expect(response.status).toBe(200);
    expect(response.headers['Accept-Ranges']).toBe('bytes');
    expect(response.headers['Content-Type']).toBe('video/mp4');
    expect(await text(response.body!)).toHaveLength(100);
  });

  it('serves a byte range as 206 with Content-Range', async () => {
    const response = await fileResponse(file, 'bytes=12-15');
    expect(response.status).toBe(206);
    expect(response.headers['Content-Range']).toBe('bytes 12-15/100');
    expect(response.headers['Content-Length']).toBe('4');
    expect(await text(response.body!)).toBe('2345');
  });

  it('answers 416 for a range past the end', async () => {
    const response = await fileResponse(file, 'bytes=200-');
    expect(response.status).toBe(416);
    expect(response.headers['Content-Range']).toBe('bytes */100');
    expect(response.body).toBeNull();
  });
});

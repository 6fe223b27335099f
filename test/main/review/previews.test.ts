import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../../../src/main/core/media/index.js';
import { previewDataUrl, SPRITE_FRAMES } from '../../../src/main/core/review/previews.js';
import type { ReviewItem } from '../../../src/shared/review.js';
import { makeClip, removeTmpDirs, tmpDir } from '../../helpers/clips.js';

let dir: string;
let clip: string;

function item(id: number, peakSec: number, videoPath = clip): ReviewItem {
  return { id, sourceId: 1, sourceName: 'cam', ruleId: 1, videoId: 1, videoPath, runId: 1, modelId: 'm', startSec: Math.max(0, peakSec - 1), endSec: peakSec + 1, startedAt: '2026-01-01T00:00:00Z', day: '2026-01-01', score: 0.9, classes: ['fall'], peakFrame: Math.round(peakSec * 25), peakSec, segmentCount: 1, people: null, verdict: null, reviewedAt: null, note: '' };
}

/** The JPEG behind a data URL, written out and probed with real ffprobe. */
async function jpegSize(dataUrl: string, name: string): Promise<[number, number]> {
  expect(dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
  const file = path.join(dir, name);
  await writeFile(file, Buffer.from(dataUrl.slice('data:image/jpeg;base64,'.length), 'base64'));
  const probe = await probeVideo(file);
  return [probe.video.displayWidth, probe.video.displayHeight];
}

beforeAll(async () => {
  dir = tmpDir('previews-');
  clip = await makeClip({ dir, name: 'rec.ts', seconds: 6, fps: '25', width: 320, height: 240 });
});

afterAll(removeTmpDirs);

describe('review previews (real ffmpeg)', () => {
  it('makes many thumbnails asked for at once, each once, and a sprite of SPRITE_FRAMES frames side by side', async () => {
    const data = path.join(dir, 'data-a');
    // Twelve items asked for together, the way a scrolled queue asks: they queue for the preview
    // gate ([Note: previews one core's worth at a time]) and every one is answered.
    const items = Array.from({ length: 12 }, (_, i) => item(i + 1, 0.5 + (i % 5)));
    const urls = await Promise.all([...items, ...items.slice(0, 3)].map((it) => previewDataUrl(data, it, 'thumb')));
    expect(new Set(urls.slice(0, 12)).size).toBe(5);
    expect(urls.slice(12)).toEqual(urls.slice(0, 3));
    expect(await jpegSize(urls[0]!, 'thumb.jpg')).toEqual([192, 144]);
    const kept = readdirSync(path.join(data, 'review-previews'));
    expect(kept.filter((f) => f.endsWith('.part.jpg'))).toEqual([]);
    expect(kept.filter((f) => f.includes('-thumb-'))).toHaveLength(12);
    const sprite = await previewDataUrl(data, items[0]!, 'sprite');
    expect(await jpegSize(sprite, 'sprite.jpg')).toEqual([192 * SPRITE_FRAMES, 144]);
  });

  it('names the item and the file when the video cannot be read, and leaves no partial file', async () => {
    const data = path.join(dir, 'data-b');
    const missing = path.join(dir, 'gone.ts');
    await expect(previewDataUrl(data, item(7, 1, missing), 'thumb')).rejects.toThrow(/review item 7 .*gone\.ts/);
    expect(readdirSync(path.join(data, 'review-previews'))).toEqual([]);
  });
});

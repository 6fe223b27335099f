import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import type { ReviewItem } from '../../../shared/review.js';
import { runFfmpeg } from '../media/ffmpeg-run.js';
import { accurateSeekArgs } from './keyframes.js';

/** 'thumb': the peak frame; 'sprite': SPRITE_FRAMES frames across the item's span side by side (the hover preview). */
export type PreviewKind = 'thumb' | 'sprite';
export const SPRITE_FRAMES = 8;
const WIDTH = 192;

// [Note: previews one core's worth at a time] A queue scrolled through asks for many thumbnails at
//  once; one ffmpeg each, all at the same time, took every core from the UI (bench:review's scroll
//  p95 went from 7.6 ms to 42 ms on 2 cores). Half the cores make previews; the rest wait their turn.
const makeOne = pLimit(Math.max(1, Math.floor(availableParallelism() / 2)));

export function previewFile(dataDir: string, item: Pick<ReviewItem, 'id' | 'peakSec' | 'startSec' | 'endSec'>, kind: PreviewKind): string {
  const key = kind === 'thumb' ? item.peakSec.toFixed(3) : `${item.startSec.toFixed(3)}-${item.endSec.toFixed(3)}`;
  return join(dataDir, 'review-previews', `${item.id}-${kind}-${key}.jpg`);
}

/**
 * The item's thumbnail or hover sprite as a JPEG data URL, made once with ffmpeg and kept in the
 * data folder (the key holds the span, so a recomputed item gets a new one).
 */
export async function previewDataUrl(dataDir: string, item: ReviewItem, kind: PreviewKind): Promise<string> {
  const file = previewFile(dataDir, item, kind);
  if (!existsSync(file)) await makeOne(() => (existsSync(file) ? undefined : makePreview(file, item, kind)));
  return `data:image/jpeg;base64,${(await readFile(file)).toString('base64')}`;
}

async function makePreview(file: string, item: ReviewItem, kind: PreviewKind): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const part = `${file}.${process.pid}.part.jpg`;
  const span = Math.max(0.04, item.endSec - item.startSec);
  const input = await accurateSeekArgs(item.videoPath, kind === 'thumb' ? item.peakSec : item.startSec);
  const args =
    kind === 'thumb'
      ? [...input, '-frames:v', '1', '-vf', `scale=${WIDTH}:-2`, '-q:v', '5', '-y', part]
      : [...input, '-t', span.toFixed(3), '-vf', `fps=${(SPRITE_FRAMES / span).toFixed(6)},scale=${WIDTH}:-2,tile=${SPRITE_FRAMES}x1`, '-frames:v', '1', '-q:v', '6', '-y', part];
  try {
    await runFfmpeg(args, `review ${kind} ${item.id}`);
    if (!existsSync(part)) throw new Error('ffmpeg decoded no frame there');
    await rename(part, file);
  } catch (error) {
    await rm(part, { force: true });
    throw new Error(`Could not make the ${kind === 'thumb' ? 'thumbnail' : 'preview'} of review item ${item.id} from ${item.videoPath}: ${(error as Error).message}`);
  }
}

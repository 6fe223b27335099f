import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { VideoProbe } from '../../../shared/media.js';
import { runFfmpeg } from './ffmpeg-run.js';

export const THUMBNAIL_WIDTH = 192;

/** A file name safe on every platform from a fingerprint like `ss1:<hex>`. */
export const cacheName = (fingerprint: string): string => fingerprint.replace(/[^0-9A-Za-z_-]/g, '-');

export function thumbnailFile(dataDir: string, fingerprint: string): string {
  return join(dataDir, 'thumbnails', `${cacheName(fingerprint)}.jpg`);
}

const inFlight = new Map<string, Promise<string>>();

/**
 * The video's thumbnail (a frame a quarter of the way in, 192 px wide, JPEG), made with ffmpeg
 * once and cached in the data folder by content fingerprint (not in the database: it is a cache
 * that can be deleted at any time). Concurrent requests for one video share one ffmpeg.
 */
export function ensureThumbnail(dataDir: string, video: { path: string; fingerprint: string; probe: VideoProbe }): Promise<string> {
  const file = thumbnailFile(dataDir, video.fingerprint);
  const running = inFlight.get(file);
  if (running) return running;
  const work = (async () => {
    if (await stat(file).catch(() => null)) return file;
    await mkdir(join(dataDir, 'thumbnails'), { recursive: true });
    const part = `${file}.${process.pid}.part.jpg`;
    const at = Math.max(0, Math.min(video.probe.durationSec * 0.25, video.probe.durationSec - 0.1));
    try {
      await runFfmpeg(['-ss', at.toFixed(3), '-i', video.path, '-frames:v', '1', '-vf', `scale=${THUMBNAIL_WIDTH}:-2`, '-q:v', '4', '-y', part], `thumbnail ${video.path}`);
      await rename(part, file);
      return file;
    } catch (error) {
      await rm(part, { force: true });
      throw new AppError('DECODE_FAILED', `Could not make a thumbnail of ${video.path}: ${(error as Error).message}`, { file: video.path });
    }
  })().finally(() => inFlight.delete(file));
  inFlight.set(file, work);
  return work;
}

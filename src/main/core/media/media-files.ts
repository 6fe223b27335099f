import { existsSync } from 'node:fs';
import type { Store } from '../store/index.js';
import { proxyFile } from './proxy.js';
import { videoUnchanged } from './unchanged.js';
import { ensureThumbnail } from './thumbnails.js';

/** What the media routes serve: the video itself, its H.264 proxy, its thumbnail. */
export type MediaKind = 'video' | 'proxy' | 'thumb';

export type MediaFileResult = { ok: true; file: string; contentType?: string } | { ok: false; reason: string };

/**
 * The file behind `<kind>/<id>` for the web host's `/media/…` route and the desktop app's
 * `actionlens-media://…` protocol alike; both then serve it with range requests.
 */
export async function mediaFile(store: Store, dataDir: string, kind: MediaKind, id: number): Promise<MediaFileResult> {
  const video = Number.isInteger(id) ? store.videos.get(id) : undefined;
  if (!video) return { ok: false, reason: 'no such video in the library' };
  if (kind === 'video') {
    const unchanged = await videoUnchanged(video);
    return unchanged.ok ? { ok: true, file: video.path } : unchanged;
  }
  if (kind === 'proxy') {
    const file = proxyFile(dataDir, video.fingerprint);
    return existsSync(file) ? { ok: true, file } : { ok: false, reason: `no playback proxy made yet for ${video.path}` };
  }
  // A thumbnail not made yet would be made from whatever file now sits at the path.
  const unchanged = await videoUnchanged(video);
  if (!unchanged.ok) return unchanged;
  try {
    return { ok: true, file: await ensureThumbnail(dataDir, video), contentType: 'image/jpeg' };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

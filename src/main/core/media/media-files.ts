import { existsSync } from 'node:fs';
import type { MediaFileAnswer } from '../../../shared/core-host.js';
import type { MediaKind } from '../../../shared/webHost.js';
import type { Store } from '../store/index.js';
import { proxyFile } from './proxy.js';
import { videoUnchanged } from './unchanged.js';
import { ensureThumbnail } from './thumbnails.js';


/**
 * The file behind `<kind>/<id>` for the web host's `/media/…` route and the desktop app's
 * `actionlens-media://…` protocol alike; both then serve it with range requests.
 */
export async function mediaFile(store: Store, dataDir: string, kind: MediaKind, id: number): Promise<MediaFileAnswer> {
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

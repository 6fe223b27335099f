import { stat } from 'node:fs/promises';
import { fingerprintFile } from '../library/fingerprint.js';

export type UnchangedResult = { ok: true } | { ok: false; reason: string };

/**
 * Whether the file at a library video's path is still the file that was added: same size and
 * modification time, or, when those moved (a copy, a `touch`), the same content fingerprint.
 * [Note: checked before serving] The media routes open `video.path` by name; a file replaced
 * meanwhile (another recording, or a symlink to some other file on the disk) must not be served
 * as this video. The cheap stat runs on every request; the fingerprint (three 64 KiB samples)
 * only when the stat differs.
 */
export async function videoUnchanged(video: { path: string; sizeBytes: number; mtimeMs: number; fingerprint: string }): Promise<UnchangedResult> {
  const info = await stat(video.path).catch(() => null);
  if (!info) return { ok: false, reason: `video file is missing: ${video.path}` };
  if (!info.isFile()) return { ok: false, reason: `${video.path} is no longer a regular file` };
  if (info.size === video.sizeBytes && info.mtimeMs === video.mtimeMs) return { ok: true };
  const fingerprint = await fingerprintFile(video.path).catch(() => null);
  if (fingerprint === video.fingerprint) return { ok: true };
  return { ok: false, reason: `${video.path} changed since it was added to the library (different size, date and content): add it again to use the new file` };
}

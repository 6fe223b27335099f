/**
 * Shared by the pose tests: real frames decoded from the corpus with ffmpeg, and the path of the
 * converted models. Corpus clips live in ../shared/corpus (outside the repository).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { resolveBinaries } from '../../../src/main/core/media/binaries.js';

const run = promisify(execFile);

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const POSE_MODELS_DIR = path.join(REPO_ROOT, 'models/pose');
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');
export const NTU_CLIP = path.join(CORPUS_DIR, 'ntu-drink-1080p-30fps-h264.avi');
export const ARMWRESTLING_CLIP = path.join(CORPUS_DIR, 'kinetics-armwrestling-340x256-28fps.mp4');

/** Why a corpus clip cannot be used, or null when it is there. */
export function missingClip(file: string): string | null {
  return existsSync(file) ? null : `corpus clip ${file} is absent (the shared corpus lives in ../shared/corpus)`;
}

/**
 * `count` frames of `file` from `startSeconds`, every `step`-th frame, as RGB24 at its
 * decoded size (or scaled to `size`), decoded by ffmpeg.
 */
export async function decodeFrames(
  file: string,
  opts: { count: number; startSeconds?: number; step?: number; size?: { width: number; height: number }; filter?: string },
): Promise<{ width: number; height: number; frames: Uint8Array[] }> {
  const { ffmpeg, ffprobe } = resolveBinaries();
  let { width, height } = opts.size ?? { width: 0, height: 0 };
  const filters = [`select='not(mod(n\\,${opts.step ?? 1}))'`];
  if (opts.filter) filters.push(opts.filter);
  if (opts.size) filters.push(`scale=${width}:${height}`);
  if (!opts.size) {
    const probe = await run(ffprobe.path, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]);
    [width, height] = probe.stdout.trim().split(',').map(Number) as [number, number];
  }
  // [Note: no '-ss 0'] an input seek to 0 on the NTU AVI makes ffmpeg output nothing; seek only when asked.
  const seek = opts.startSeconds ? ['-ss', String(opts.startSeconds)] : [];
  const args = ['-v', 'error', ...seek, '-i', file, '-vf', filters.join(','), '-fps_mode', 'vfr',
    '-frames:v', String(opts.count), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'];
  const { stdout } = await run(ffmpeg.path, args, { encoding: 'buffer', maxBuffer: 1 << 30 });
  const bytes = width * height * 3;
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset + bytes <= stdout.length; offset += bytes) frames.push(new Uint8Array(stdout.subarray(offset, offset + bytes)));
  return { width, height, frames };
}

/** Every stored person of a database's only pose run: frame, track, lost flag and keypoint bytes, in order. */
export function storedPeople(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  const rows = db.prepare('SELECT track_id, start_frame, present, boxes, points, scores FROM pose_track_chunks ORDER BY start_frame, track_id').all() as { track_id: number; start_frame: number; present: Buffer; boxes: Buffer; points: Buffer; scores: Buffer }[];
  db.close();
  // Chunk boundaries differ between a resumed and an uninterrupted run: compare per frame.
  return rows.flatMap((row) => {
    const out: string[] = [];
    let i = 0;
    row.present.forEach((flag, k) => {
      if (!flag) return;
      out.push(`${row.start_frame + k}:${row.track_id}:${flag}:${row.boxes.subarray(i * 20, (i + 1) * 20).toString('hex')}:${row.points.subarray(i * 136, (i + 1) * 136).toString('hex')}:${row.scores.subarray(i * 17, (i + 1) * 17).toString('hex')}`);
      i += 1;
    });
    return out;
  }).sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]));
}

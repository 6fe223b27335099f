/**
 * Cuts planned clips out of a video with ffmpeg (children registered with the media job registry),
 * then optionally joins them into one highlight reel; progress per clip, cancel with an AbortSignal.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { resolveBinary } from '../media/binaries.js';
import { ffmpegFailure } from '../media/ffmpeg-run.js';
import { spawnMediaProcess, terminate, waitForClose } from '../media/jobs.js';
import type { PlannedClip } from './plan.js';

export interface CutProgress {
  done: number;
  total: number;
  file: string;
}

export interface CutResult {
  clips: (PlannedClip & { file: string })[];
  reel: string | null;
}

async function ffmpeg(args: readonly string[], what: string, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw cancelled();
  const binary = resolveBinary('ffmpeg').path;
  const child = spawnMediaProcess(binary, ['-hide_banner', '-nostdin', '-v', 'error', ...args], what);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = () => void terminate(child);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const exit = await waitForClose(child, binary);
    if (signal?.aborted) throw cancelled();
    if (exit.code !== 0) throw new AppError('DECODE_FAILED', `ffmpeg could not ${what}: ${ffmpegFailure(stderr)}`, { file: args.at(-1) });
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

const cancelled = () => new AppError('CANCELLED', 'The clip export was cancelled.');

/** The ffmpeg arguments of one clip: input seeking, then copy or an H.264/AAC re-encode. */
export function clipArgs(video: string, clip: PlannedClip, out: string): string[] {
  const span = ['-ss', clip.startSec.toFixed(6), '-i', video, '-frames:v', String(clip.frames), '-t', (clip.endSec - clip.startSec).toFixed(6)];
  const codec = clip.mode === 'copy' ? ['-c', 'copy', '-avoid_negative_ts', 'make_zero'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac'];
  return ['-y', ...span, '-map', '0:v:0', '-map', '0:a?', ...codec, '-movflags', '+faststart', out];
}

export async function cutClips(video: string, clips: readonly PlannedClip[], outDir: string, options: { reel?: boolean; signal?: AbortSignal; onProgress?: (p: CutProgress) => void } = {}): Promise<CutResult> {
  await mkdir(outDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('UNREADABLE', `Cannot create the clips folder ${outDir}: ${error.code ?? error.message}.`, { field: 'outDir', file: outDir });
  });
  const done: CutResult['clips'] = [];
  const total = clips.length + (options.reel ? 1 : 0);
  try {
    for (const clip of clips) {
      const file = path.join(outDir, clip.fileName);
      await ffmpeg(clipArgs(video, clip, file), `cut ${clip.fileName}`, options.signal);
      done.push({ ...clip, file });
      options.onProgress?.({ done: done.length, total, file });
    }
    let reel: string | null = null;
    if (options.reel && done.length > 0) {
      reel = path.join(outDir, 'highlights.mp4');
      const list = path.join(outDir, '.highlights.txt');
      await writeFile(list, done.map((c) => `file '${c.file.replaceAll("'", "'\\''")}'`).join('\n') + '\n');
      // [Note: clips may mix copied and re-encoded streams, so the reel is re-encoded once.]
      try {
        await ffmpeg(['-y', '-f', 'concat', '-safe', '0', '-i', list, '-fps_mode', 'passthrough', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', reel], 'join the highlight reel', options.signal);
      } finally {
        await rm(list, { force: true });
      }
      options.onProgress?.({ done: total, total, file: reel });
    }
    return { clips: done, reel };
  } catch (error) {
    // A cancelled or failed export leaves no half-written clip behind.
    await Promise.all([...done.map((c) => c.file), ...clips.map((c) => path.join(outDir, c.fileName)), path.join(outDir, 'highlights.mp4')].map((f) => rm(f, { force: true })));
    throw error;
  }
}

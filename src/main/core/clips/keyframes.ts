import { resolveBinary } from '../media/binaries.js';
import { ffmpegFailure } from '../media/ffmpeg-run.js';
import { spawnMediaProcess, waitForClose } from '../media/jobs.js';
import { AppError } from '../../../shared/errors.js';

/**
 * The video stream's keyframe times in seconds, ascending, from ffprobe's packet list (flags `K`):
 * read from the container's index, nothing is decoded. Times are relative to the stream's start,
 * as `-ss` counts them.
 */
export async function keyframeTimes(video: string): Promise<number[]> {
  const binary = resolveBinary('ffprobe').path;
  const child = spawnMediaProcess(binary, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-show_entries', 'stream=start_time', '-of', 'csv=p=0', video], 'list keyframes');
  let out = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exit = await waitForClose(child, binary);
  if (exit.code !== 0) throw new AppError('CORRUPT_MEDIA', `ffprobe could not list the keyframes of ${video}: ${ffmpegFailure(stderr)}`, { file: video });
  const lines = out.split('\n').map((l) => l.trim()).filter(Boolean);
  // The stream line (its start_time) comes after the packets in csv output: one field only.
  const startLine = lines.find((l) => !l.includes(','));
  const start = startLine && Number.isFinite(Number(startLine)) ? Number(startLine) : 0;
  const times = lines
    .map((l) => l.split(','))
    .filter(([time, flags]) => flags !== undefined && flags.includes('K') && Number.isFinite(Number(time)))
    .map(([time]) => Number(time) - start);
  return [...new Set(times)].sort((a, b) => a - b);
}

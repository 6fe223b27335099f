import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { VideoProbe } from '../../../shared/media.js';
import { fallBackAfterCrash, resolveBinary } from './binaries.js';
import { assertReadableFile, looksLikeMp4 } from './file-check.js';
import { spawnMediaProcess, terminate, waitForClose, type ChildExit } from './jobs.js';
import { buildVideoProbe, FfprobeOutputSchema, selectVideoStream, type FfprobeOutput } from './probe-parse.js';

export interface ProbeOptions {
  signal?: AbortSignal;
  /**
   * 'auto' (default): the container's frame count, else count packets (a demux pass, no decoding).
   * 'always': count packets even when the container has a count. 'never': container or estimate.
   */
  countFrames?: 'auto' | 'never' | 'always';
  /** Per ffprobe run; ffprobe is killed when it takes longer. Default 30 s. */
  timeoutMs?: number;
}

/*
 * ffprobe is spawned directly rather than through fluent-ffmpeg: fluent-ffmpeg's ffprobe() hides
 * the child process (so no timeout, no abort, no job registry) and parses ffprobe's legacy
 * key=value output, which flattens side_data_list where the rotation lives.
 */

/** Reads a video's container, stream and frame facts. Rejects with an AppError that names the file. */
export async function probeVideo(file: string, options: ProbeOptions = {}): Promise<VideoProbe> {
  const { signal, countFrames = 'auto', timeoutMs = 30_000 } = options;
  throwIfCancelled(file, signal);
  const stats = await assertReadableFile(file);
  const absolute = path.resolve(file);
  const countArgs = countFrames === 'always' ? ['-count_packets'] : [];
  const run = await runFfprobe(file, ['-show_format', '-show_streams', ...countArgs, absolute], signal, timeoutMs);
  if (run.exit.code !== 0) throw await classifyProbeFailure(file, run.stderr, run.exit);

  const output = parseOutput(file, run.stdout);
  const video = selectVideoStream(output);
  if (!video) throw noVideoStream(file, output);
  let countedFrames = video.nb_read_packets;
  const containerHasCount = video.nb_frames !== null && video.nb_frames > 0;
  if (countedFrames === null && countFrames === 'auto' && !containerHasCount) {
    countedFrames = await countVideoPackets(file, absolute, video.index, signal, timeoutMs);
  }
  return buildVideoProbe(output, video, {
    file: absolute,
    sizeBytes: stats.size,
    countedFrames,
    preferCounted: countFrames === 'always',
  });
}

/** Demux-only pass counting the video stream's packets (one per frame for video). Null if it fails. */
async function countVideoPackets(
  file: string,
  absolute: string,
  streamIndex: number,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<number | null> {
  const args = ['-count_packets', '-select_streams', String(streamIndex), '-show_entries', 'stream=index,nb_read_packets'];
  try {
    const run = await runFfprobe(file, [...args, absolute], signal, timeoutMs);
    if (run.exit.code !== 0) return null;
    const count = Number(parseOutput(file, run.stdout).streams[0]?.nb_read_packets);
    return Number.isFinite(count) ? count : null;
  } catch (error) {
    // Counting is a refinement: a timeout just leaves the estimate, but a cancel must propagate.
    if (error instanceof AppError && error.code === 'CANCELLED') throw error;
    return null;
  }
}

export interface ProbeRun {
  stdout: string;
  stderr: string;
  exit: ChildExit;
}

/** Runs ffprobe (JSON output) with the crash fallback; exported for other media readers (review clips). */
export async function runFfprobe(file: string, args: string[], signal: AbortSignal | undefined, timeoutMs: number): Promise<ProbeRun> {
  const run = await runFfprobeOnce(resolveBinary('ffprobe').path, file, args, signal, timeoutMs);
  // A crash of the packaged ffprobe is its bug, not the file's (see [Note: static ffprobe crash]).
  const fallback = run.exit.signal !== null ? fallBackAfterCrash('ffprobe') : null;
  return fallback ? runFfprobeOnce(fallback.path, file, args, signal, timeoutMs) : run;
}

async function runFfprobeOnce(binary: string, file: string, args: string[], signal: AbortSignal | undefined, timeoutMs: number): Promise<ProbeRun> {
  const child = spawnMediaProcess(binary, ['-v', 'error', '-print_format', 'json', ...args], `ffprobe ${path.basename(file)}`);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));

  let stoppedBecause: AppError | null = null;
  const stop = (reason: AppError): void => {
    stoppedBecause ??= reason;
    void terminate(child);
  };
  const onAbort = (): void => stop(cancelled(file));
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => stop(timedOut(file, timeoutMs)), timeoutMs);
  try {
    const exit = await waitForClose(child, binary);
    if (stoppedBecause) throw stoppedBecause;
    return { stdout, stderr, exit };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function parseOutput(file: string, stdout: string): FfprobeOutput {
  try {
    return FfprobeOutputSchema.parse(JSON.parse(stdout));
  } catch (error) {
    throw new AppError('INTERNAL', `ffprobe printed output that could not be understood for "${file}".`, { file, cause: error });
  }
}

/** Turns ffprobe's stderr into the user-facing reason. */
async function classifyProbeFailure(file: string, stderr: string, exit: ChildExit): Promise<AppError> {
  if (/moov atom not found/i.test(stderr)) {
    if (await looksLikeMp4(file)) {
      return new AppError(
        'CORRUPT_MEDIA',
        `"${file}" is a damaged MP4: its index (the "moov" atom) is missing or damaged, ` +
          'as happens when a recording or download stopped before it was finished.',
        { file },
      );
    }
    return notMedia(file);
  }
  if (/Invalid data found when processing input/i.test(stderr)) return notMedia(file);
  const reason = lastLine(stderr) ?? `ffprobe exited with ${exit.signal ?? `code ${exit.code}`}`;
  return new AppError('CORRUPT_MEDIA', `"${file}" could not be read as a video: ${reason}`, { file });
}

function notMedia(file: string): AppError {
  return new AppError('NOT_MEDIA', `"${file}" is not a video file: ffprobe does not recognise its content as media.`, { file });
}

function noVideoStream(file: string, output: FfprobeOutput): AppError {
  const kinds = [...new Set(output.streams.map((s) => s.codec_type ?? 'unknown'))];
  const contents = kinds.length > 0 ? `it contains only ${kinds.join(' and ')}` : 'it contains no streams at all';
  return new AppError('NO_VIDEO_STREAM', `"${file}" has no video stream: ${contents}.`, { file });
}

function timedOut(file: string, timeoutMs: number): AppError {
  return new AppError(
    'UNREADABLE',
    `Reading "${file}" took longer than ${timeoutMs / 1000} s and was stopped: the file may be on a stalled drive or malformed.`,
    { file },
  );
}

export function cancelled(file: string): AppError {
  return new AppError('CANCELLED', `Reading "${file}" was cancelled.`, { file });
}

export function throwIfCancelled(file: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(file);
}

/** ffmpeg's last message without its `[demuxer @ 0x…]` prefix. */
export function lastLine(stderr: string): string | null {
  const lines = stderr.split(/\r?\n/).map((l) => l.replace(/^\[[^\]]* @ [^\]]*\]\s*/, '').trim());
  return lines.filter((l) => l.length > 0).at(-1) ?? null;
}

/**
 * Test clips rendered at test time with ffmpeg's lavfi sources, so no binary fixtures live in
 * the repository. Keep them short and small: two cores are shared by every test file.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveBinaries } from '../../src/main/core/media/binaries.js';

const run = promisify(execFile);

/** A frame rate as ffmpeg spells it: '25', '30', '30000/1001'… */
export type ClipFps = string;
export type ClipContainer = 'mp4' | 'avi' | 'mkv' | 'ts';

export interface ClipSpec {
  /** File name; the container's extension is added when it has none. */
  name: string;
  seconds: number;
  fps: ClipFps;
  width: number;
  height: number;
  /** Folder to write to (created if missing). Default: a shared temporary folder. */
  dir?: string;
  codec?: 'h264' | 'mpeg4';
  /** Default: from the name's extension, else mp4. */
  container?: ClipContainer;
  audio?: boolean;
  /** Clockwise display rotation stored as metadata (mp4 only); the coded frames stay unrotated. */
  rotate?: 0 | 90 | 180 | 270;
  /** Second half of the frames last twice as long (uneven pts, written with -fps_mode vfr). */
  vfr?: boolean;
  /** MP4 index (moov) before the media data. Default false: moov at the end, as ffmpeg writes it. */
  faststart?: boolean;
  /** lavfi source, e.g. `color=c=red`. Default testsrc2 (testsrc for odd sizes: testsrc2 rounds them to even). */
  source?: string;
  /** Extra filters applied before encoding, e.g. `drawbox=...`. */
  filter?: string;
}

const createdDirs: string[] = [];
let sharedDir: string | null = null;

// Vitest ends its workers without a process 'exit' event, so under Vitest the folders go when
// the importing test file finishes (this module is evaluated once per test file).
if (process.env.VITEST) {
  const { afterAll } = await import('vitest');
  afterAll(removeTmpDirs);
} else {
  process.once('exit', removeTmpDirs);
}

/** A fresh temporary folder, removed after the test file (or at exit outside Vitest). */
export function tmpDir(prefix = 'media'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `actionlens-${prefix}-`));
  createdDirs.push(dir);
  return dir;
}

export function removeTmpDirs(): void {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  sharedDir = null;
}

/** Frames a clip of `seconds` at `fps` has: lavfi emits every frame whose pts is below the duration. */
export function clipFrameCount(seconds: number, fps: ClipFps): number {
  return Math.ceil(seconds * fpsValue(fps) - 1e-9);
}

export function fpsValue(fps: ClipFps): number {
  const [num, den = '1'] = fps.split('/');
  return Number(num) / Number(den);
}

/** Renders a clip and returns its absolute path. */
export async function makeClip(spec: ClipSpec): Promise<string> {
  const dir = spec.dir ?? (sharedDir ??= tmpDir('clips'));
  mkdirSync(dir, { recursive: true });
  const container = spec.container ?? containerOf(spec.name);
  const file = path.resolve(dir, path.extname(spec.name) ? spec.name : `${spec.name}.${container}`);
  const rotate = spec.rotate ?? 0;
  if (rotate !== 0 && container !== 'mp4') throw new Error('makeClip: rotate needs an mp4 container');
  const encoded = rotate === 0 ? file : `${file}.unrotated.mp4`;

  await ffmpeg([...inputArgs(spec, container), ...videoArgs(spec), ...outputArgs(spec, container), encoded]);
  if (rotate !== 0) {
    // ffmpeg 5.1's mov muxer stores the legacy `rotate` tag as a counter-clockwise display matrix
    // (tag 90 → ffprobe rotation 90 → ffmpeg turns the picture 90° counter-clockwise), so a
    // clockwise rotation is written as its complement.
    const tag = String((360 - rotate) % 360);
    await ffmpeg(['-i', encoded, '-c', 'copy', '-metadata:s:v:0', `rotate=${tag}`, '-f', 'mp4', `${file}.tmp`]);
    renameSync(`${file}.tmp`, file);
    rmSync(encoded);
  }
  return file;
}

/** An audio-only file (AAC in M4A, or as the extension says): a valid media file without video. */
export async function makeAudioClip({ dir, name, seconds }: { dir: string; name: string; seconds: number }): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.resolve(dir, name);
  await ffmpeg(['-f', 'lavfi', '-t', String(seconds), '-i', 'sine=frequency=440', file]);
  return file;
}

function inputArgs(spec: ClipSpec, container: ClipContainer): string[] {
  const odd = spec.width % 2 === 1 || spec.height % 2 === 1;
  const source = spec.source ?? (odd ? 'testsrc' : 'testsrc2');
  const joiner = source.includes('=') ? ':' : '=';
  const video = `${source}${joiner}size=${spec.width}x${spec.height}:rate=${spec.fps}`;
  const args = ['-f', 'lavfi', '-t', String(spec.seconds), '-i', video];
  if (spec.audio) {
    args.push('-f', 'lavfi', '-t', String(spec.seconds), '-i', 'sine=frequency=440:sample_rate=44100');
    args.push('-c:a', container === 'avi' ? 'libmp3lame' : 'aac');
  }
  return args;
}

function videoArgs(spec: ClipSpec): string[] {
  const filters: string[] = [];
  if (spec.filter) filters.push(spec.filter);
  if (spec.vfr) {
    const half = Math.round(clipFrameCount(spec.seconds, spec.fps) / 2);
    filters.push(`setpts='if(lt(N,${half}),N,2*N-${half})/FRAME_RATE/TB'`);
  }
  const args = filters.length > 0 ? ['-vf', filters.join(',')] : [];
  if (spec.vfr) args.push('-fps_mode', 'vfr');
  if ((spec.codec ?? 'h264') === 'mpeg4') return [...args, '-c:v', 'mpeg4', '-q:v', '4'];
  // x264 needs even sizes in 4:2:0; odd test sizes use 4:4:4 instead.
  const odd = spec.width % 2 === 1 || spec.height % 2 === 1;
  return [...args, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', odd ? 'yuv444p' : 'yuv420p'];
}

function outputArgs(spec: ClipSpec, container: ClipContainer): string[] {
  const format = { mp4: 'mp4', avi: 'avi', mkv: 'matroska', ts: 'mpegts' }[container];
  const faststart = container === 'mp4' && spec.faststart ? ['-movflags', '+faststart'] : [];
  return [...faststart, '-f', format];
}

function containerOf(name: string): ClipContainer {
  const ext = path.extname(name).slice(1).toLowerCase();
  return ext === 'avi' || ext === 'mkv' || ext === 'ts' ? ext : 'mp4';
}

async function ffmpeg(args: string[]): Promise<void> {
  const binary = resolveBinaries().ffmpeg.path;
  await run(binary, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args]);
}

/** Frames ffprobe decodes (`-count_frames`): the reference every decode test compares with. */
export async function countFramesWithFfprobe(file: string): Promise<number> {
  const binary = resolveBinaries().ffprobe.path;
  const args = ['-v', 'error', '-count_frames', '-select_streams', 'V:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file];
  const { stdout } = await run(binary, args);
  return Number(stdout.trim());
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** Each decoded frame's timestamp in seconds as ffprobe reports it (6 decimals), in presentation order. */
export async function framePtsWithFfprobe(file: string): Promise<number[]> {
  const binary = resolveBinaries().ffprobe.path;
  const args = ['-v', 'error', '-select_streams', 'V:0', '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', file];
  const { stdout } = await run(binary, args);
  // csv also prints empty rows for frame side data: keep the rows that hold a timestamp.
  const times = stdout.split('\n').map((row) => row.split(',')[0] ?? '').filter((cell) => cell !== '');
  return times.map(Number).sort((a, b) => a - b);
}

/** The shared real-footage corpus, `../shared/corpus` from the repository root (see its README.md). */
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');

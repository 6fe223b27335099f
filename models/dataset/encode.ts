/**
 * Raw RGB24 frames piped into ffmpeg (the binary the media core resolved), out as H.264 MP4 or a
 * PNG. Encoder settings are pinned for reproducibility: one x264 thread (frame threading would
 * make the output depend on the machine's core count), bit-exact scaler and muxer, no metadata.
 * The same ffmpeg/x264 build then gives byte-identical files.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import type { FrameRate } from './format.js';

export interface VideoTarget {
  file: string;
  width: number;
  height: number;
  fps: FrameRate;
  crf: number;
}

/** Arguments before the output file: what makes two runs produce the same bytes. */
export function h264Args(t: VideoTarget): string[] {
  return [
    ...rawInputArgs(t.width, t.height, t.fps.label),
    '-an',
    '-c:v', 'libx264',
    '-preset', 'veryfast',
    '-crf', String(t.crf),
    '-pix_fmt', 'yuv420p',
    '-threads', '1',
    '-flags:v', '+bitexact',
    '-fflags', '+bitexact',
    '-map_metadata', '-1',
    '-movflags', '+faststart',
    '-f', 'mp4',
  ];
}

function rawInputArgs(width: number, height: number, rate: string): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostats',
    '-filter_threads', '1',
    '-sws_flags', 'bicubic+accurate_rnd+bitexact',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-framerate', rate, '-i', 'pipe:0',
  ];
}

/** One ffmpeg process fed frame by frame, respecting the pipe's backpressure. */
export class FfmpegSink {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private failure: Error | null = null;
  private exited = false;
  private readonly closed: Promise<number | null>;

  constructor(ffmpeg: string, args: string[]) {
    this.child = spawn(ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 4000) this.stderr += chunk;
    });
    this.child.stdout.resume();
    // EPIPE when ffmpeg exits early: remember it; close() reports ffmpeg's own message.
    this.child.stdin.on('error', (error) => {
      this.failure ??= error;
    });
    this.closed = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('close', (code) => {
        this.exited = true;
        resolve(code);
      });
    });
  }

  /**
   * Queues one frame; waits only when more than `aheadBytes` are still queued. A frame is bigger
   * than the pipe, so waiting on every write would make rendering and encoding take turns; a few
   * frames of slack lets them run side by side while memory stays bounded.
   */
  async write(frame: Uint8Array, aheadBytes = 4 * frame.length): Promise<void> {
    if (this.failure || this.exited) return;
    this.child.stdin.write(frame);
    while (this.child.stdin.writableLength > aheadBytes && !this.failure && !this.exited) {
      await Promise.race([once(this.child.stdin, 'drain'), this.closed]);
    }
  }

  /** Ends the input and waits for ffmpeg; rejects with ffmpeg's message if it failed. */
  async close(): Promise<void> {
    this.child.stdin.end();
    const code = await this.closed;
    if (code !== 0) {
      const reason = this.stderr.trim().split('\n').slice(-3).join(' | ') || this.failure?.message || 'no message';
      throw new Error(`ffmpeg exited with code ${code}: ${reason}`);
    }
  }

  /** Stops ffmpeg (e.g. after a rendering error); never throws. */
  kill(): void {
    this.child.kill('SIGKILL');
  }
}

export function startH264(ffmpeg: string, target: VideoTarget): FfmpegSink {
  return new FfmpegSink(ffmpeg, [...h264Args(target), '-y', target.file]);
}

/** Writes one RGB24 image as a PNG. */
export async function writePng(ffmpeg: string, file: string, width: number, height: number, rgb: Uint8Array): Promise<void> {
  const sink = new FfmpegSink(ffmpeg, [...rawInputArgs(width, height, '1'), '-frames:v', '1', '-c:v', 'png', '-fflags', '+bitexact', '-f', 'image2', '-y', file]);
  await sink.write(rgb);
  await sink.close();
}

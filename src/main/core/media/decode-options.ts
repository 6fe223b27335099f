import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import type { VideoProbe } from '../../../shared/media.js';

export type Interpolation = 'bilinear' | 'bicubic' | 'area';

export interface DecodeOptions {
  /** Output frame size in pixels. */
  width: number;
  height: number;
  /** 'stretch' (default) ignores aspect; 'cover' scales to cover WxH keeping aspect, then centre-crops. */
  resize?: 'stretch' | 'cover';
  /** swscale flags (default bilinear), so that training code can resize the same way. */
  interpolation?: Interpolation;
  /** Keep every Nth frame (default 1). Exclusive with targetFps. */
  stride?: number;
  /** Keep the first frame at or after each 1/targetFps step, chosen from the exact pts. */
  targetFps?: number;
  /** Seconds to seek to before decoding (input seek). */
  startTime?: number;
  /** Stop after delivering this many frames. */
  maxFrames?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DecodeProgress) => void;
  /** 'auto' tries hardware decoding and falls back to software if it fails before the first frame. */
  hwaccel?: 'none' | 'auto';
  /** Told about fallbacks such as hardware → software decoding. */
  onNotice?: (message: string) => void;
  /** A probe of this file made earlier, to skip probing again. */
  probe?: VideoProbe;
  /**
   * A file still being written (a recording as MPEG-TS, Matroska or fragmented MP4): keep reading
   * at its end, and finish once it has not grown for `idleSec` seconds.
   */
  follow?: { idleSec: number };
  /**
   * Every frame's presentation time from the container's packets, sorted (videoFrameTimes): frames
   * are then numbered by their pts among them, so a frame ffmpeg cannot decode becomes a gap in
   * the indices instead of shifting every later frame, and damage that ffmpeg logs while still
   * delivering frames does not fail the decode (the consumer sees the gaps). Needs stride 1.
   */
  frameTimes?: readonly number[];
}

export interface DecodedFrame {
  /** Source frame index in presentation order, 0-based from the start of the file. */
  index: number;
  /** Presentation time in seconds from the start of the file. */
  pts: number;
  width: number;
  height: number;
  /** width*height*3 bytes of RGB24, owned by the consumer (its own ArrayBuffer: transferable). */
  data: Buffer;
}

export interface DecodeProgress {
  framesDone: number;
  ptsSec: number;
  durationSec: number | null;
  /** 0..1 of the requested range, or null when the duration is unknown. */
  fraction: number | null;
}

export interface DecodeSummary {
  /** Frames delivered to the consumer. */
  frames: number;
  /** Source index of the last delivered frame. */
  lastIndex: number | null;
  /** 'end' = the whole range was decoded; 'consumer' = the consumer stopped iterating. */
  endedBy: 'end' | 'maxFrames' | 'consumer';
  /** Whether the frames came from the `-hwaccel auto` attempt. */
  hwaccel: boolean;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  probe: VideoProbe;
  /** With frameTimes: frames from the first delivered one's index to the end of the file (gaps included); else null. */
  totalFrames: number | null;
  /** ffmpeg logged errors (damage) yet ended normally. */
  damaged: boolean;
}

/** Decoded frames in order. Iterate once; breaking out of the loop stops ffmpeg quietly. */
export interface FrameStream extends AsyncIterable<DecodedFrame> {
  /** Stops decoding; the iterator then throws AppError('CANCELLED'). */
  cancel(): void;
  /** Settles when iteration finishes: the summary, or the error the iterator threw. */
  readonly done: Promise<DecodeSummary>;
  /** Frames ffmpeg has produced that the consumer has not received yet (stays small: backpressure). */
  backlog(): number;
}

const OptionsSchema = z
  .looseObject({
    width: z.int().min(1).max(16384),
    height: z.int().min(1).max(16384),
    resize: z.enum(['stretch', 'cover']).default('stretch'),
    interpolation: z.enum(['bilinear', 'bicubic', 'area']).default('bilinear'),
    stride: z.int().min(1).optional(),
    targetFps: z.number().positive().optional(),
    startTime: z.number().min(0).default(0),
    maxFrames: z.int().min(1).optional(),
    hwaccel: z.enum(['none', 'auto']).default('none'),
    follow: z.object({ idleSec: z.number().positive().max(3600) }).optional(),
  })
  .refine((o) => o.stride === undefined || o.targetFps === undefined, {
    message: 'use either stride or targetFps, not both',
    path: ['targetFps'],
  });

export interface ResolvedDecodeOptions {
  width: number;
  height: number;
  resize: 'stretch' | 'cover';
  interpolation: Interpolation;
  stride: number;
  targetFps: number | null;
  startTime: number;
  maxFrames: number | null;
  hwaccel: 'none' | 'auto';
  /** Seconds without growth that end a followed file; null: read to the end as it is now. */
  followIdleSec: number | null;
  /** Frame times were given: undecodable frames become gaps (see DecodeOptions.frameTimes). */
  gapsAllowed: boolean;
}

/** Validates and fills defaults. Throws INVALID_ARGUMENT naming the option. */
export function resolveDecodeOptions(options: DecodeOptions): ResolvedDecodeOptions {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('INVALID_ARGUMENT', `Invalid decode option "${field}": ${issue?.message ?? 'invalid value'}.`, {
      field,
    });
  }
  const o = parsed.data;
  return {
    width: o.width,
    height: o.height,
    resize: o.resize,
    interpolation: o.interpolation,
    stride: o.stride ?? 1,
    targetFps: o.targetFps ?? null,
    startTime: o.startTime,
    maxFrames: o.maxFrames ?? null,
    hwaccel: o.hwaccel,
    followIdleSec: o.follow?.idleSec ?? null,
    gapsAllowed: options.frameTimes !== undefined,
  };
}

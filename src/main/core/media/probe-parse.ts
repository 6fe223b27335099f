import { z } from 'zod';
import type { FrameCountSource, Rational, VideoProbe } from '../../../shared/media.js';

/** ffprobe prints most numbers as strings ("1.966667", "N/A"); anything unparseable becomes null. */
const numeric = z
  .union([z.number(), z.string()])
  .optional()
  .transform((value) => {
    if (value === undefined) return null;
    const parsed = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  });

const SideDataSchema = z.looseObject({ side_data_type: z.string().optional(), rotation: numeric });

const StreamSchema = z.looseObject({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  profile: z.union([z.string(), z.number()]).optional(),
  pix_fmt: z.string().optional(),
  width: numeric,
  height: numeric,
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  duration: numeric,
  nb_frames: numeric,
  nb_read_packets: numeric,
  sample_rate: numeric,
  channels: numeric,
  disposition: z.record(z.string(), z.unknown()).optional(),
  tags: z.record(z.string(), z.unknown()).optional(),
  side_data_list: z.array(SideDataSchema).optional(),
});

const FormatSchema = z.looseObject({ format_name: z.string().optional(), duration: numeric, bit_rate: numeric });

export const FfprobeOutputSchema = z.looseObject({
  streams: z.array(StreamSchema).default([]),
  format: FormatSchema.optional(),
});

export type FfprobeOutput = z.infer<typeof FfprobeOutputSchema>;
export type FfprobeStream = FfprobeOutput['streams'][number];

/** The first real video stream: cover art in audio files is a video stream too, flagged attached_pic. */
export function selectVideoStream(output: FfprobeOutput): FfprobeStream | null {
  return output.streams.find((s) => s.codec_type === 'video' && s.disposition?.['attached_pic'] !== 1) ?? null;
}

export function parseRational(text: string | undefined): Rational {
  const match = /^(-?\d+)\/(\d+)$/.exec(text ?? '');
  return match ? { num: Number(match[1]), den: Number(match[2]) } : { num: 0, den: 0 };
}

/** Null for ffprobe's "0/0" (unknown) and other non-positive rates. */
export function rationalValue({ num, den }: Rational): number | null {
  return num > 0 && den > 0 ? num / den : null;
}

/**
 * Clockwise degrees (0/90/180/270) to turn the coded picture for display. ffprobe's Display
 * Matrix rotation is counter-clockwise (-90 = 90° clockwise); the legacy `rotate` tag of older
 * ffmpeg builds is already clockwise. Angles off the right angles are ignored, as ffmpeg's own
 * autorotation ignores them, so that the reported size matches what ffmpeg decodes.
 */
export function clockwiseRotation(stream: FfprobeStream): number {
  const matrix = stream.side_data_list?.find((d) => d.side_data_type === 'Display Matrix');
  const tag = Number(stream.tags?.['rotate']);
  const clockwise = matrix?.rotation != null ? -matrix.rotation : Number.isFinite(tag) ? tag : 0;
  const quarterTurns = Math.round(clockwise / 90);
  if (Math.abs(clockwise - quarterTurns * 90) > 1) return 0;
  return (((quarterTurns % 4) + 4) % 4) * 90;
}

export interface ProbeContext {
  /** Absolute path of the file. */
  file: string;
  sizeBytes: number;
  /** Packets of the video stream counted by a demux pass, or null if not counted. */
  countedFrames: number | null;
  /** countFrames 'always': the counted figure wins over the container's. */
  preferCounted: boolean;
}

export function buildVideoProbe(output: FfprobeOutput, video: FfprobeStream, context: ProbeContext): VideoProbe {
  const rFrameRate = parseRational(video.r_frame_rate);
  const avgFrameRate = parseRational(video.avg_frame_rate);
  const r = rationalValue(rFrameRate);
  const avg = rationalValue(avgFrameRate);
  const fps = avg ?? r ?? 0;
  const durationSec = output.format?.duration ?? video.duration ?? 0;
  const rotation = clockwiseRotation(video);
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  const quarterTurned = rotation === 90 || rotation === 270;
  const audio = output.streams.find((s) => s.codec_type === 'audio');
  return {
    file: context.file,
    sizeBytes: context.sizeBytes,
    container: output.format?.format_name ?? 'unknown',
    durationSec,
    bitRate: output.format?.bit_rate ?? null,
    video: {
      codec: video.codec_name ?? 'unknown',
      profile: video.profile === undefined ? null : String(video.profile),
      pixelFormat: video.pix_fmt ?? null,
      width,
      height,
      displayWidth: quarterTurned ? height : width,
      displayHeight: quarterTurned ? width : height,
      rotation,
      rFrameRate,
      avgFrameRate,
      fps,
      // Relative tolerance: CFR files can print the same rate as slightly different fractions.
      variableFrameRate: r !== null && avg !== null && Math.abs(r - avg) > 1e-3 * r,
      ...frameCount(video, context, durationSec, fps),
    },
    audio: audio
      ? { codec: audio.codec_name ?? 'unknown', sampleRate: audio.sample_rate, channels: audio.channels }
      : null,
  };
}

function frameCount(
  video: FfprobeStream,
  { countedFrames, preferCounted }: ProbeContext,
  durationSec: number,
  fps: number,
): { frameCount: number; frameCountSource: FrameCountSource } {
  const fromContainer = video.nb_frames !== null && video.nb_frames > 0 ? video.nb_frames : null;
  if (countedFrames !== null && (preferCounted || fromContainer === null)) {
    return { frameCount: countedFrames, frameCountSource: 'counted' };
  }
  if (fromContainer !== null) return { frameCount: fromContainer, frameCountSource: 'container' };
  return { frameCount: Math.round(durationSec * fps), frameCountSource: 'estimate' };
}

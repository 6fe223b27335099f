import type { VideoProbe } from '../../../shared/media.js';

/** What Chromium's <video> decodes everywhere (no platform decoders assumed). */
const PLAYABLE_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1', 'theora']);
const PLAYABLE_PIXEL_FORMATS = new Set(['yuv420p', 'yuvj420p']);
/** ffprobe format_name parts of containers Chromium demuxes. */
const PLAYABLE_CONTAINERS = ['mp4', 'mov', 'webm', 'matroska', 'ogg'];
/** What Chromium accepts inside Matroska (its WebM subset); H.264 in .mkv is not guaranteed. */
const WEBM_CODECS = new Set(['vp8', 'vp9', 'av1']);
/** Codecs Chromium decodes from an MP4 file, so a stream copy into MP4 is enough. */
const MP4_COPYABLE_CODECS = new Set(['h264', 'vp9', 'av1']);
/** Audio Chromium decodes from MP4; other audio is left out of a remux (the player is muted anyway). */
const MP4_COPYABLE_AUDIO = new Set(['aac', 'mp3', 'opus', 'flac']);

/**
 * How the player gets a file it can open:
 * - `original`: Chromium plays the file as it is;
 * - `remux`: the streams are decodable, only the container is not (H.264 in MPEG-TS, AVI, FLV…) or
 *   Matroska that Chromium may refuse: copy the streams into an MP4 (seconds, no quality lost);
 * - `transcode`: the codec itself needs re-encoding to H.264 (minutes), with the reason shown.
 */
export type PlaybackPlan =
  | { kind: 'original' }
  | { kind: 'remux'; reason: string; copyAudio: boolean }
  | { kind: 'transcode'; reason: string };

function codecDecodable(probe: VideoProbe): boolean {
  const { codec, pixelFormat } = probe.video;
  return PLAYABLE_CODECS.has(codec) && (codec !== 'h264' || pixelFormat === null || PLAYABLE_PIXEL_FORMATS.has(pixelFormat));
}

/**
 * Whether Chromium can play the file as it is. Conservative: anything unsure gets a proxy,
 * which costs one conversion, where a wrong "yes" would leave the player black.
 */
export function chromiumCanPlay(probe: VideoProbe): boolean {
  const containers = probe.container.split(',');
  const matroskaOnly = containers.includes('matroska') && !containers.some((c) => c === 'mp4' || c === 'mov' || c === 'ogg');
  if (matroskaOnly && !WEBM_CODECS.has(probe.video.codec)) return false;
  return containers.some((c) => PLAYABLE_CONTAINERS.includes(c)) && codecDecodable(probe);
}

export function playbackPlan(probe: VideoProbe): PlaybackPlan {
  if (chromiumCanPlay(probe)) return { kind: 'original' };
  const { codec, pixelFormat } = probe.video;
  if (MP4_COPYABLE_CODECS.has(codec) && codecDecodable(probe)) {
    const container = probe.container.split(',')[0] ?? probe.container;
    return {
      kind: 'remux',
      reason: `${codec} in ${container}: Chromium decodes the stream but not the container, so it is copied into MP4 (no re-encoding)`,
      copyAudio: probe.audio !== null && MP4_COPYABLE_AUDIO.has(probe.audio.codec),
    };
  }
  const what = codec === 'h264' && pixelFormat !== null ? `h264 with pixel format ${pixelFormat}` : `the ${codec} codec`;
  return { kind: 'transcode', reason: `Chromium cannot decode ${what}, so the video is re-encoded to H.264` };
}

/** ffmpeg arguments (after `-i input`) that make the playable proxy `out` for a plan. */
export function proxyArgs(plan: Exclude<PlaybackPlan, { kind: 'original' }>, input: string, out: string): string[] {
  const tail = ['-movflags', '+faststart', '-progress', 'pipe:1', '-y', out];
  if (plan.kind === 'remux') {
    // [Note: stream copy keeps every packet and its timestamp; MP4 from MPEG-TS needs the
    //  ADTS→ASC bitstream filter for AAC, which ffmpeg inserts itself.]
    const audio = plan.copyAudio ? ['-map', '0:a:0', '-c:a', 'copy'] : ['-an'];
    return ['-i', input, '-map', '0:v:0', ...audio, '-sn', '-dn', '-c:v', 'copy', ...tail];
  }
  return [
    '-i', input, '-map', '0:v:0', '-an', '-sn',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
    // Even sizes for yuv420p; passthrough keeps every frame and its timestamp.
    '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-fps_mode', 'passthrough',
    ...tail,
  ];
}

import type { ResolvedDecodeOptions } from './decode-options.js';

/**
 * `[select,]scale[,crop],showinfo`: select keeps every Nth frame before any scaling work; scale
 * converts straight to RGB24 with the requested swscale flags; showinfo (checksum off, so it
 * costs only a log line) reports each output frame's pts for pairing with stdout.
 */
export function buildFilterChain(options: Pick<ResolvedDecodeOptions, 'width' | 'height' | 'resize' | 'interpolation' | 'stride'>): string {
  const { width, height, resize, interpolation, stride } = options;
  const filters: string[] = [];
  if (stride > 1) filters.push(`select='not(mod(n\\,${stride}))'`);
  if (resize === 'cover') {
    filters.push(`scale=${width}:${height}:force_original_aspect_ratio=increase:flags=${interpolation}`);
    filters.push(`crop=${width}:${height}`);
  } else {
    filters.push(`scale=${width}:${height}:flags=${interpolation}`);
  }
  filters.push('showinfo=checksum=0');
  return filters.join(',');
}

export interface DecodeArgsInput {
  options: ResolvedDecodeOptions;
  /** Absolute path, so that a name like `concat:x` or `http:x` is not taken for a protocol. */
  file: string;
  hwaccel: boolean;
}

export function buildDecodeArgs({ options, file, hwaccel }: DecodeArgsInput): string[] {
  const { startTime, maxFrames, targetFps } = options;
  return [
    // -nostats: progress lines end in \r and would run into the showinfo lines we parse.
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info'],
    ...(hwaccel ? ['-hwaccel', 'auto'] : []),
    // [Note: seek timestamps] -copyts -start_at_zero: after a seek, frames keep the timestamps a
    // decode from the start gives them (file start = 0), tick for tick; without it ffmpeg
    // re-bases them on the seek point and they come back rounded differently (1e-4 s off on
    // 30000/1001 footage), so a resumed run's stored times would differ from an uninterrupted one's.
    ...(startTime > 0 ? ['-ss', startTime.toFixed(6), '-copyts', '-start_at_zero'] : []),
    // The file protocol retries at the end of a growing file; rw_timeout (µs) ends the wait. ffmpeg
    // then logs an I/O error and exits 0 with every frame written so far.
    ...(options.followIdleSec !== null ? ['-follow', '1', '-rw_timeout', String(Math.round(options.followIdleSec * 1e6))] : []),
    ...['-i', file],
    // V (capital) skips cover art / attached pictures, matching the stream probeVideo describes.
    ...['-map', '0:V:0', '-vf', buildFilterChain(options)],
    // passthrough: every decoded frame exactly once, never the CFR duplication/dropping.
    ...['-fps_mode', 'passthrough'],
    // Frames numbered by their time (frameTimes) make undecodable ones gaps: never give up on a damaged file for its error rate.
    ...(options.gapsAllowed ? ['-max_error_rate', '1'] : []),
    // With targetFps the frames are chosen in JS, so ffmpeg cannot know when to stop.
    ...(maxFrames !== null && targetFps === null ? ['-frames:v', String(maxFrames)] : []),
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
  ];
}

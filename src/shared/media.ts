/** Media facts shared by every process. Produced by the media core (src/main/core/media). */

/**
 * [Note: fallback frame rate] The frame rate assumed where a probe reports none (`fps` 0: a stream
 * with neither avg_frame_rate nor r_frame_rate, e.g. some MJPEG or raw streams). 25 is ffmpeg's
 * own default for such inputs, so frame indices and times agree with what ffmpeg decodes. It only
 * ever converts between frames and seconds; a video with a real rate never sees it.
 */
export const FALLBACK_FPS = 25;

/** The video's frame rate, or FALLBACK_FPS where it has none. */
export function usableFps(fps: number): number {
  return fps > 0 ? fps : FALLBACK_FPS;
}

export interface Rational {
  num: number;
  den: number;
}

/** Where a frame count came from: the container's index, a demux pass that counted packets, or duration × fps. */
export type FrameCountSource = 'container' | 'counted' | 'estimate';

export interface VideoStreamInfo {
  codec: string;
  profile: string | null;
  pixelFormat: string | null;
  /** Coded size, before rotation. */
  width: number;
  height: number;
  /** Size as shown (and as decoded: ffmpeg applies the rotation), after rotation. */
  displayWidth: number;
  displayHeight: number;
  /** Clockwise degrees to apply for display: 0, 90, 180 or 270. */
  rotation: number;
  rFrameRate: Rational;
  avgFrameRate: Rational;
  /** avg_frame_rate as a number (falls back to r_frame_rate). */
  fps: number;
  /** True where r_frame_rate and avg_frame_rate disagree (a variable-frame-rate stream). */
  variableFrameRate: boolean;
  frameCount: number;
  frameCountSource: FrameCountSource;
}

export interface AudioStreamInfo {
  codec: string;
  sampleRate: number | null;
  channels: number | null;
}

export interface VideoProbe {
  /** Absolute path of the probed file. */
  file: string;
  sizeBytes: number;
  /** ffprobe's format_name, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `avi`. */
  container: string;
  durationSec: number;
  bitRate: number | null;
  video: VideoStreamInfo;
  /** Null when the file has no audio stream. */
  audio: AudioStreamInfo | null;
}

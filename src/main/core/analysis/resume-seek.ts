import type { VideoProbe } from '../../../shared/media.js';
import { decodeFrames } from '../media/index.js';

/**
 * Where a resumed run starts decoding so that it reaches frame `frame` with the right numbering.
 *
 * From the start of a file the media core numbers frames 0, 1, 2…; after a seek it derives the
 * number from the timestamps, which matches only when the first frame is at 0 s. Where it is
 * not (an AVI whose first frame is at 0.04 s: a seek there numbers every frame one too low), a
 * resumed run decodes from the start instead and skips up to `frame`: slower, never wrong. The
 * seek lands half a frame early; frames before `frame` are dropped by the strategy.
 */
export async function planResumeSeek(file: string, probe: VideoProbe, frame: number, signal: AbortSignal): Promise<{ startTime: number }> {
  let firstPts = Number.NaN;
  for await (const first of decodeFrames(file, { width: 16, height: 16, maxFrames: 1, probe, signal })) firstPts = first.pts;
  const seekable = Math.abs(firstPts) < 1e-6 && probe.video.fps > 0 && !probe.video.variableFrameRate;
  return { startTime: seekable ? Math.max(0, (frame - 0.5) / probe.video.fps) : 0 };
}

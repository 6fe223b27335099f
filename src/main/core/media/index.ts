/** The media core: finds ffmpeg/ffprobe, probes videos and streams decoded frames. No Electron here. */
export { resolveBinaries, resolveBinary, clearBinaryCache, type ResolvedBinary, type ResolvedBinaries } from './binaries.js';
export { probeVideo, type ProbeOptions } from './probe.js';
export { decodeFrames } from './decode.js';
export type {
  DecodeOptions,
  DecodedFrame,
  DecodeProgress,
  DecodeSummary,
  FrameStream,
  Interpolation,
} from './decode-options.js';
export { mediaJobs, type RunningJob } from './jobs.js';

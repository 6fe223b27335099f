import type { ErrorCode } from './errors.js';
import type { VideoProbe } from './media.js';

/** A video in the library, as every screen and the CLI see it. */
export interface VideoSummary {
  id: number;
  path: string;
  fileName: string;
  sizeBytes: number;
  fingerprint: string;
  addedAt: string;
  probe: VideoProbe;
}

export interface SkippedFile {
  path: string;
  code: ErrorCode;
  reason: string;
}

export interface AddToLibraryReport {
  added: VideoSummary[];
  /** Files already in the library with the same size and modification time: not probed again. */
  unchanged: VideoSummary[];
  skipped: SkippedFile[];
}

export interface BinaryInfo {
  path: string;
  source: 'env' | 'package' | 'system';
}

export interface AppInfo {
  version: string;
  dataDir: string;
  databaseFile: string;
  ffmpeg: BinaryInfo | null;
  ffprobe: BinaryInfo | null;
}

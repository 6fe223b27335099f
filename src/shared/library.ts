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
  /** The file is no longer at `path` (deleted or moved): `library.locate` points the video at its new place. */
  missing: boolean;
}

/**
 * How the player gets a video: the original file when Chromium can decode it, otherwise an H.264
 * proxy made once with ffmpeg (frame for frame, same timestamps) and cached by fingerprint.
 */
export type PlaybackSource =
  | { kind: 'original' }
  | { kind: 'proxy'; state: 'ready' }
  | { kind: 'proxy'; state: 'running'; progress: number; mode?: ProxyMode; note?: string }
  | { kind: 'proxy'; state: 'failed'; reason: string }
  | { kind: 'missing'; reason: string };

/** How a proxy is made: streams copied into MP4 (seconds) or the video re-encoded to H.264 (minutes). */
export type ProxyMode = 'remux' | 'transcode';

/** Progress of an H.264 proxy being made, and its end. */
export interface ProxyProgress {
  videoId: number;
  state: 'running' | 'ready' | 'failed';
  /** 0..1 */
  progress: number;
  reason?: string;
  mode?: ProxyMode;
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

/** A named track of hand-made or ground-truth segments on one video, shown beside the runs. */
export interface AnnotationTrackSummary {
  id: number;
  videoId: number;
  name: string;
  createdAt: string;
  segmentCount: number;
  /** Renderer-side: bumped each time the list is reloaded after an edit, so views holding the segments fetch them again. */
  revision?: number;
}

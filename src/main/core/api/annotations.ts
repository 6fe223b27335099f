import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import type { Segment } from '../../../shared/analysis.js';
import { AppError } from '../../../shared/errors.js';
import type { AnnotationTrackSummary } from '../../../shared/library.js';
import { reduceSegments } from '../../../shared/timeline/segment-lod.js';
import type { Store } from '../store/index.js';

/**
 * A labels file: the dataset generator's ground truth (`*.labels.json`, e.g. the sample video's),
 * also a simple format to hand-write: classes (optional) and segments as half-open frame ranges.
 */
const labelsFileSchema = z.object({
  classes: z.array(z.string().min(1)).optional(),
  segments: z
    .array(
      z
        .object({ label: z.string().min(1, 'must not be empty'), startFrame: z.number().int().min(0), endFrame: z.number().int().min(1) })
        .refine((s) => s.endFrame > s.startFrame, { message: 'must be after startFrame', path: ['endFrame'] }),
    )
    .min(1, 'must hold at least one segment'),
});

/**
 * The largest labels file read: far above any real one (a 3-hour video labelled per frame in
 * JSON is ~20 MiB), far below what would exhaust memory. Larger files are refused unread.
 */
export const MAX_LABELS_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The text of a labels file. [Note: any path the caller names] The path comes from the page or
 * the CLI, so this must be safe for any file on the disk: only regular files (never a device
 * such as /dev/zero or a FIFO, which would block the open), at most MAX_LABELS_FILE_BYTES, and
 * opened non-blocking, checked on the open handle (no swap between check and read).
 */
const REASONS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ELOOP: 'too many symlinks' };

async function readLabelsFile(file: string): Promise<string> {
  const unreadable = (error: NodeJS.ErrnoException) =>
    new AppError(error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'UNREADABLE', `Cannot read the labels file ${file}: ${REASONS[error.code ?? ''] ?? error.code ?? 'read error'}`, { file, field: 'path' });
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(error);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('NOT_A_FILE', `${file} is not a regular file: a labels file is a .json file`, { file, field: 'path' });
    if (info.size > MAX_LABELS_FILE_BYTES) {
      throw new AppError('INVALID_ARGUMENT', `${file} is ${(info.size / 2 ** 20).toFixed(0)} MiB: a labels file may be at most ${MAX_LABELS_FILE_BYTES / 2 ** 20} MiB`, { file, field: 'path' });
    }
    // Read at most one byte more than allowed: a file growing meanwhile is refused, not read on.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_LABELS_FILE_BYTES) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length).catch((error: NodeJS.ErrnoException) => {
        throw unreadable(error);
      });
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_LABELS_FILE_BYTES || length > info.size) throw new AppError('INVALID_ARGUMENT', `${file} changed while it was read: try again`, { file, field: 'path' });
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The file's JSON. A syntax error says no more: JSON.parse's message quotes the file's own characters, which could be anyone's secret. */
function parseLabelsJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID_ARGUMENT', `${file} is not JSON: a labels file is JSON`, { file, field: 'path' });
  }
}

/** The annotation side of the contract: ground-truth or hand-made tracks shown beside the runs. */
export class AnnotationTracks {
  constructor(private readonly store: Store) {}

  list(videoId: number): AnnotationTrackSummary[] {
    this.#video(videoId);
    return this.store.annotations.listForVideo(videoId).map((track) => ({ ...track, segmentCount: this.store.segments.listForTrack(track.id).length }));
  }

  segments(trackId: number, range: { startFrame?: number; endFrame?: number }, maxSegments?: number): Segment[] {
    const track = this.store.annotations.get(trackId);
    if (!track) throw new AppError('NOT_FOUND', `No annotation track with id ${trackId}.`, { field: 'trackId' });
    const startFrame = range.startFrame ?? 0;
    const endFrame = range.endFrame ?? Number.MAX_SAFE_INTEGER;
    const segments = this.store.segments.listForTrack(trackId, { startFrame, endFrame }).map((s) => ({
      label: s.label,
      classIndex: s.classIndex ?? -1,
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      startSec: s.startSec,
      endSec: s.endSec,
      confidence: s.confidence ?? 1,
    }));
    if (maxSegments === undefined || segments.length <= maxSegments) return segments;
    return reduceSegments(segments, startFrame, Math.min(endFrame, segments.at(-1)?.endFrame ?? 0), maxSegments);
  }

  /** Reads a labels file into a new track (named after the file unless `name` is given); nothing is stored when it is invalid. */
  async import(videoId: number, path: string, name?: string): Promise<AnnotationTrackSummary> {
    const video = this.#video(videoId);
    const file = resolve(path);
    const raw = parseLabelsJson(file, await readLabelsFile(file));
    const parsed = labelsFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(file)';
      throw new AppError('INVALID_ARGUMENT', `${basename(file)}: "${field}" ${issue?.message ?? 'is invalid'}`, { file, field });
    }
    const fps = video.probe.video.fps > 0 ? video.probe.video.fps : 25;
    const classes = parsed.data.classes ?? [];
    const segments = parsed.data.segments.map((s) => ({
      label: s.label,
      classIndex: classes.includes(s.label) ? classes.indexOf(s.label) : null,
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      startSec: s.startFrame / fps,
      endSec: s.endFrame / fps,
      confidence: null,
    }));
    const trackName = (name ?? basename(file).replace(/\.json$/i, '')).trim() || 'annotations';
    const track = this.store.transaction(() => {
      const created = this.store.annotations.create(videoId, trackName);
      this.store.segments.replaceForTrack(created.id, segments);
      return created;
    });
    return { ...track, segmentCount: segments.length };
  }

  #video(id: number) {
    const video = this.store.videos.get(id);
    if (!video) throw new AppError('NOT_FOUND', `No video with id ${id} in the library.`, { field: 'videoId' });
    return video;
  }
}

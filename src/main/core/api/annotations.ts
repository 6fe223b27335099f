import { basename, resolve } from 'node:path';
import { z } from 'zod';
import type { Segment } from '../../../shared/analysis.js';
import { AppError } from '../../../shared/errors.js';
import type { AnnotationTrackSummary } from '../../../shared/library.js';
import { reduceSegments } from '../../../shared/timeline/segment-lod.js';
import { MAX_SMALL_FILE_BYTES, parseJsonFile, readSmallTextFile } from '../files/small-text-file.js';
import type { Store } from '../store/index.js';
import { usableFps } from '../../../shared/media.js';

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

/** The largest labels file read: see MAX_SMALL_FILE_BYTES. */
export const MAX_LABELS_FILE_BYTES = MAX_SMALL_FILE_BYTES;

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
    const raw = parseJsonFile(await readSmallTextFile(file, { what: 'labels file', field: 'path' }), file, 'labels file', 'path');
    const parsed = labelsFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(file)';
      throw new AppError('INVALID_ARGUMENT', `${basename(file)}: "${field}" ${issue?.message ?? 'is invalid'}`, { file, field });
    }
    const fps = usableFps(video.probe.video.fps);
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

/** Clips of a track's or a run's segments (a playlist: filtered by label and confidence), cut with ffmpeg. */
import { AppError } from '../../../shared/errors.js';
import type { Store } from '../store/index.js';
import type { TagSource } from '../tags/interchange.js';
import { cutClips, type CutProgress, type CutResult } from './cut.js';
import { keyframeTimes } from './keyframes.js';
import { planClips, type ClipSource } from './plan.js';
import { usableFps } from '../../../shared/media.js';

export { planClips, type PlannedClip } from './plan.js';
export type { CutProgress, CutResult } from './cut.js';

export interface PlaylistFilter {
  labels?: readonly string[];
  minConfidence?: number;
}

export interface ClipExportOptions extends PlaylistFilter {
  outDir: string;
  preRollSec?: number;
  postRollSec?: number;
  reel?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: CutProgress) => void;
}

/** The segments of a track or run that pass the filter, in time order, with their video. */
export function playlist(store: Store, source: TagSource, filter: PlaylistFilter): { video: string; durationSec: number; fps: number; items: ClipSource[] } {
  const owner = 'trackId' in source ? store.annotations.get(source.trackId) : store.runs.get(source.runId);
  if (!owner) throw new AppError('NOT_FOUND', 'trackId' in source ? `No annotation track with id ${source.trackId}.` : `No run with id ${source.runId}.`, { field: 'source' });
  const video = store.videos.get(owner.videoId)!;
  const fps = usableFps(video.probe.video.fps);
  const rows = 'trackId' in source ? store.segments.listForTrack(source.trackId) : store.segments.listForRun(source.runId);
  const items = rows
    .filter((s) => !filter.labels?.length || filter.labels.includes(s.label))
    .filter((s) => filter.minConfidence === undefined || (s.confidence ?? 1) >= filter.minConfidence)
    .map((s) => ({ label: s.label, startSec: s.startFrame / fps, endSec: s.endFrame / fps }));
  return { video: video.path, durationSec: video.probe.durationSec, fps, items };
}

export async function exportClips(store: Store, source: TagSource, options: ClipExportOptions): Promise<CutResult> {
  const { video, durationSec, fps, items } = playlist(store, source, options);
  if (items.length === 0) throw new AppError('INVALID_ARGUMENT', `No segments match${options.labels?.length ? ` the label(s) ${options.labels.join(', ')}` : ''}: no clips to cut.`, { field: 'labels' });
  const keyframes = await keyframeTimes(video);
  const clips = planClips(items, { preRollSec: options.preRollSec, postRollSec: options.postRollSec, durationSec, fps, keyframes });
  return cutClips(video, clips, options.outDir, options);
}

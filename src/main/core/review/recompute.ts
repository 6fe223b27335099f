import { sep } from 'node:path';
import { POSE_MODEL_PREFIX } from '../../../shared/pose-run.js';
import type { ReviewSource } from '../../../shared/review.js';
import type { Store, VideoRecord } from '../store/index.js';
import { reviewItemsFor, type CandidateSegment } from './grouping.js';
import type { NewReviewItem, ReviewRepository } from './review-store.js';
import { usableFps } from '../../../shared/media.js';

/** Whether a file lies in a source's folder (directly, or anywhere below for a tree). */
export function sourceHolds(source: Pick<ReviewSource, 'path' | 'recursive'>, file: string): boolean {
  const folder = source.path.endsWith(sep) ? source.path : source.path + sep;
  if (!file.startsWith(folder)) return false;
  return source.recursive || !file.slice(folder.length).includes(sep);
}

/**
 * Wall-clock time of a recording's first frame: its modification time minus its duration
 * (a camera closes the file when the recording ends). [Note: filename timestamps vary by vendor;
 * mtime is the one clock every recorder sets.]
 */
export function recordingStartMs(video: Pick<VideoRecord, 'mtimeMs' | 'probe'>): number {
  return video.mtimeMs - Math.max(0, video.probe.durationSec) * 1000;
}

/** Local calendar day 'YYYY-MM-DD' of an epoch time. */
export function localDay(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** People present (found by the tracker) in frames [start, end) of the video's latest completed pose run; null without one. */
export function peopleInSpan(store: Store, videoId: number, startFrame: number, endFrame: number): number | null {
  const pose = store.runs.listForVideo(videoId).filter((r) => r.modelId.startsWith(POSE_MODEL_PREFIX) && r.status === 'completed').at(-1);
  if (!pose) return null;
  const rows = store.db
    .prepare<[number, number, number], { track_id: number; start_frame: number; present: Buffer }>(
      'SELECT track_id, start_frame, present FROM pose_track_chunks WHERE run_id = ? AND start_frame < ? AND start_frame + frame_count > ?',
    )
    .all(pose.id, endFrame, startFrame);
  const people = new Set<number>();
  for (const row of rows) {
    const from = Math.max(0, startFrame - row.start_frame);
    const to = Math.min(row.present.length, endFrame - row.start_frame);
    if (row.present.subarray(from, to).includes(1)) people.add(row.track_id);
  }
  return people.size;
}

/**
 * Recomputes the review items of a completed run under every rule of every source that holds its
 * video and analyses with its model. Returns how many items were stored.
 */
export function recomputeItemsForRun(store: Store, review: ReviewRepository, runId: number): number {
  const run = store.runs.get(runId);
  if (!run || run.status !== 'completed') return 0;
  const video = store.videos.get(run.videoId);
  if (!video) return 0;
  const sources = review.sources().filter((s) => s.modelIds.includes(run.modelId) && sourceHolds(s, video.path));
  if (sources.length === 0) return 0;
  const segments: CandidateSegment[] = store.segments.listForRun(run.id).map((s) => ({ ...s, confidence: s.confidence ?? 0 }));
  const start = recordingStartMs(video);
  const fps = usableFps(video.probe.video.fps);
  // A followed recording grew after it was probed: its run knows how long it became.
  const durationSec = Math.max(video.probe.durationSec, run.framesDone / fps);
  let stored = 0;
  for (const source of sources) {
    for (const rule of review.rules(source.id)) {
      const grouped = reviewItemsFor(segments, rule, { recordingStartMs: start, durationSec });
      const items: NewReviewItem[] = grouped.map((g) => ({
        ...g,
        startedAt: new Date(start + g.startSec * 1000).toISOString(),
        day: localDay(start + g.startSec * 1000),
        people: peopleInSpan(store, video.id, Math.floor(g.startSec * fps), Math.ceil(g.endSec * fps)),
      }));
      stored += review.replaceItems(rule, run, items);
    }
  }
  return stored;
}

/** Recomputes every completed run of a source's videos (after a rule was added or changed). */
export function recomputeSource(store: Store, review: ReviewRepository, source: ReviewSource): number {
  let stored = 0;
  for (const video of store.videos.list().filter((v) => sourceHolds(source, v.path))) {
    const latest = new Map<string, number>();
    for (const run of store.runs.listForVideo(video.id)) if (run.status === 'completed' && source.modelIds.includes(run.modelId)) latest.set(run.modelId, run.id);
    for (const runId of latest.values()) stored += recomputeItemsForRun(store, review, runId);
  }
  return stored;
}

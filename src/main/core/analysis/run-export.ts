/** A stored run (or several, for ActivityNet) as export text, generated piece by piece from the store. */
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { formatActivityNet, formatFramesCsv, formatRunJson, formatSegmentsCsv, topKFrames, type ProbabilityChunk } from '../export/index.js';
import type { Store } from '../store/index.js';
import { gapLookup } from './gaps.js';
import type { AnalysisService } from './service.js';
import { frameRate, runClock } from './run-results.js';

export const EXPORT_FORMATS = ['csv', 'json', 'activitynet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** csv: per-frame top-k rows instead of segments. json: add per-frame top-k. */
  frames: boolean;
  topK: number;
}

const READ_CHUNK_FRAMES = 4096;

/**
 * csv and json export one run; activitynet exports any number (one entry per video). Runs that
 * did not complete are refused: their segments would look like a whole video's.
 */
export function* exportRuns(store: Store, analysis: AnalysisService, runIds: readonly number[], options: ExportOptions): Generator<string, void, undefined> {
  const runs = runIds.map((id) => {
    const run = analysis.run(id);
    if (run.status !== 'completed') throw new AppError('INVALID_ARGUMENT', `Run ${id} is ${run.status}, not completed: nothing to export yet.`, { field: 'run' });
    const video = store.videos.get(run.videoId)!;
    const model = store.models.get(run.modelId);
    // The labels the run was computed with; a model retrained under the same id keeps old runs' meaning.
    const labels = store.runs.get(id)?.labels ?? (model?.manifest as { labels?: string[] } | undefined)?.labels ?? [];
    return { run, video, labels, meta: { video: path.basename(video.path), model: `${run.modelId}@${model?.version ?? '?'}` } };
  });
  if (options.format === 'activitynet') {
    const videos = runs.map(({ run, video }) => ({ videoId: activityNetId(video.path), segments: analysis.segments(run.id) }));
    // Checked before the first line is written, so a refused export leaves no half file.
    const twice = videos.find((v, i) => videos.findIndex((w) => w.videoId === v.videoId) !== i);
    if (twice) throw new AppError('INVALID_ARGUMENT', `Video "${twice.videoId}" is listed twice in an ActivityNet export (one run per video).`, { field: 'run' });
    yield* formatActivityNet({ videos });
    return;
  }
  if (runs.length !== 1) throw new AppError('INVALID_ARGUMENT', `The ${options.format} format exports one run at a time (${runs.length} given).`, { field: 'run' });
  const { run, video, labels, meta } = runs[0]!;
  const fps = frameRate(video);
  const { frameTimes } = runClock(store, run.id, fps, run.framesDone);
  const gaps = store.predictions.gaps(run.id);
  const isGap = gapLookup(gaps);
  const frames = () => topKFrames(readChunks(store, run.id, run.framesDone), { labels, k: options.topK, frameTimes, isGap });
  const segments = analysis.segments(run.id);
  if (options.format === 'csv') {
    yield* options.frames ? formatFramesCsv(frames(), { ...meta, topK: Math.min(options.topK, labels.length) }) : formatSegmentsCsv(segments, meta);
    return;
  }
  const runMeta = { ...meta, runId: run.id, videoPath: video.path, fps, frameCount: run.framesDone, provider: run.providerUsed, alignment: run.alignment, params: run.params, gaps };
  yield* formatRunJson({ run: runMeta, segments, frames: options.frames ? frames() : undefined });
}

function* readChunks(store: Store, runId: number, frameCount: number): Generator<ProbabilityChunk> {
  for (let start = 0; start < frameCount; start += READ_CHUNK_FRAMES) yield store.predictions.readRange(runId, start, Math.min(frameCount, start + READ_CHUNK_FRAMES));
}

/** ActivityNet keys results by YouTube id, without the "v_" prefix its file names carry. */
function activityNetId(file: string): string {
  return path.basename(file, path.extname(file)).replace(/^v_/, '');
}

/** A stored pose run as keypoints JSON, keypoints CSV or kinematics CSV, read from the store in windows. */
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { PoseFrame } from '../../../shared/pose.js';
import { isPoseRun, unpackPoses } from '../../../shared/pose-run.js';
import { formatKeypointsCsv, formatKeypointsJson, formatKinematicsCsv } from '../export/keypoints.js';
import type { Store } from '../store/index.js';

export const POSE_EXPORT_FORMATS = ['keypoints', 'keypoints-csv', 'kinematics'] as const;
export type PoseExportFormat = (typeof POSE_EXPORT_FORMATS)[number];

export function isPoseExportFormat(format: string): format is PoseExportFormat {
  return (POSE_EXPORT_FORMATS as readonly string[]).includes(format);
}

const WINDOW_FRAMES = 2048;

export interface PoseExportOptions {
  /** Kinematics: centred smoothing window in frames (odd, 1 = none). */
  smoothFrames?: number;
  /** Kinematics: keypoints scored below this are gaps. */
  minScore?: number;
}

/**
 * A pose format takes one run; a pose run takes only pose formats (its segments and probabilities
 * are empty: an action export of it would look like a run that found nothing).
 */
export function checkPoseExport(store: Store, runIds: readonly number[], format: string): void {
  if (isPoseExportFormat(format)) {
    if (runIds.length !== 1) throw new AppError('INVALID_ARGUMENT', `The ${format} format exports one run at a time (${runIds.length} given).`, { field: 'run' });
    return;
  }
  const pose = runIds.map((id) => store.runs.get(id)).find((run) => run && isPoseRun(run));
  if (pose) throw new AppError('INVALID_ARGUMENT', `Run ${pose.id} is a pose run: export it with --format ${POSE_EXPORT_FORMATS.join(', ')}.`, { field: 'format' });
}

/** Checks the run (a completed pose run) before the first piece, so a refused export writes nothing. */
export function exportPoseRun(store: Store, runId: number, format: PoseExportFormat, options: PoseExportOptions = {}): Generator<string, void, undefined> {
  const run = store.runs.get(runId);
  if (!run) throw new AppError('NOT_FOUND', `No run with id ${runId}.`, { field: 'run' });
  if (!isPoseRun(run)) throw new AppError('INVALID_ARGUMENT', `Run ${runId} is a run of "${run.modelId}", not a pose run: the ${format} format exports pose runs (see actionlens pose).`, { field: 'format' });
  if (run.status !== 'completed') throw new AppError('INVALID_ARGUMENT', `Run ${runId} is ${run.status}, not completed: nothing to export yet.`, { field: 'run' });
  const video = store.videos.get(run.videoId)!;
  const name = path.basename(video.path);
  const frameCount = run.framesDone;
  if (format === 'keypoints') {
    const meta = { video: name, model: run.modelId, runId: run.id, videoPath: video.path, width: video.probe.video.displayWidth, height: video.probe.video.displayHeight, fps: video.probe.video.fps, frameCount, params: run.params };
    return formatKeypointsJson(meta, frames(store, runId, frameCount));
  }
  if (format === 'keypoints-csv') return formatKeypointsCsv(name, frames(store, runId, frameCount));
  const context = Math.max(1, Math.floor((options.smoothFrames ?? 1) / 2) + 1);
  return formatKinematicsCsv(name, windows(store, runId, frameCount, context), { smoothFrames: options.smoothFrames, minScore: options.minScore });
}

function* frames(store: Store, runId: number, frameCount: number): Generator<PoseFrame> {
  for (let start = 0; start < frameCount; start += WINDOW_FRAMES) yield* unpackPoses(store.poses.readPacked(runId, start, Math.min(frameCount, start + WINDOW_FRAMES)));
}

function* windows(store: Store, runId: number, frameCount: number, context: number): Generator<{ frames: PoseFrame[]; from: number; to: number }> {
  for (let from = 0; from < frameCount; from += WINDOW_FRAMES) {
    const to = Math.min(frameCount, from + WINDOW_FRAMES);
    yield { frames: unpackPoses(store.poses.readPacked(runId, Math.max(0, from - context), Math.min(frameCount, to + context))), from, to };
  }
}

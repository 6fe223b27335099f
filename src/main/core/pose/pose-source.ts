/**
 * [Note: pose runs for action models] The hook skeleton action models use to get their input: the
 * stored pose run of a video with given settings, computed first when there is none. Two ways in:
 * - Outside a job (the CLI's `analyze`, a UI asking for an action run): `ensurePoseRun` queues a
 *   pose job (or finds the identical completed run) and waits for it, so the pose run shows in the
 *   job list with progress like any other. Queue it before the action jobs: the queue is FIFO.
 * - Inside a running action job (JobRunner, concurrency 1): queueing would wait for the job that
 *   is waiting, so call `PoseJobRunner.run` directly with the job's signal; it reuses, resumes or
 *   computes exactly as the queued job would.
 * Then read the people with `readPoseFrames` (bounded windows; never a whole long video at once).
 */
import { AppError } from '../../../shared/errors.js';
import type { PoseFrame, PoseSettings } from '../../../shared/pose.js';
import { unpackPoses } from '../../../shared/pose-run.js';
import type { AnalysisService } from '../analysis/service.js';
import type { RunRecord, Store } from '../store/index.js';

/** The completed pose run with these settings for the video: found, or computed through the job queue. */
export async function ensurePoseRun(analysis: AnalysisService, store: Store, videoId: number, settings: PoseSettings): Promise<RunRecord> {
  const [job] = analysis.startPose({ videoIds: [videoId], settings });
  const [done] = await analysis.wait([job!.id]);
  if (!done || done.state !== 'completed' || done.runId === null) {
    throw new AppError(done?.error?.code === 'CANCELLED' ? 'CANCELLED' : 'INVALID_ARGUMENT', `The pose run an action model needs on video ${videoId} did not complete: ${done?.error?.message ?? done?.state ?? 'no job'}.`);
  }
  return store.runs.get(done.runId)!;
}

/** The people of a pose run's frames [startFrame, endFrame), one PoseFrame per stored frame. */
export function readPoseFrames(store: Store, runId: number, startFrame: number, endFrame: number): PoseFrame[] {
  return unpackPoses(store.poses.readPacked(runId, startFrame, endFrame));
}

/** The read side of stored pose runs, as the contract serves it: runs of a video, frames, tracks, kinematics. */
import type { RunSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import { trackKinematics, type TrackKinematics } from '../../../shared/pose-kinematics.js';
import { encodePoses, isPoseRun, unpackPoses, type KinematicsSeriesPayload, type PoseFramesPayload, type TrackPresence } from '../../../shared/pose-run.js';
import { toRunSummary } from '../analysis/service.js';
import type { RunRecord, Store } from '../store/index.js';

/** Most frames one `frames` call returns (the player fetches a window around the playhead). */
export const MAX_POSE_FRAMES_PER_CALL = 5000;
/** Most frames one kinematics call covers (about 10 minutes at 30 fps). */
export const MAX_KINEMATICS_FRAMES = 20_000;

export class PoseQueries {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** The video's pose runs, oldest first. */
  runsForVideo(videoId: number): RunSummary[] {
    const video = this.#store.videos.get(videoId);
    if (!video) throw new AppError('NOT_FOUND', `No video with id ${videoId} in the library.`, { field: 'videoId' });
    return this.#store.runs.listForVideo(videoId).filter(isPoseRun).map((run) => toRunSummary(run, video));
  }

  /** People of the stored frames in [startFrame, endFrame), packed as base64 typed arrays (see PoseFramesPayload). */
  frames(runId: number, startFrame: number, endFrame: number): PoseFramesPayload {
    this.#poseRun(runId);
    if (endFrame - startFrame > MAX_POSE_FRAMES_PER_CALL) throw new AppError('INVALID_ARGUMENT', `endFrame: at most ${MAX_POSE_FRAMES_PER_CALL} frames per call, asked for ${endFrame - startFrame}.`, { field: 'endFrame' });
    return encodePoses(runId, this.#store.poses.readPacked(runId, startFrame, endFrame));
  }

  tracks(runId: number): TrackPresence[] {
    this.#poseRun(runId);
    return this.#store.poses.presence(runId);
  }

  /** One track's joint angles and speeds over [startFrame, endFrame) (default: the whole run, up to MAX_KINEMATICS_FRAMES). */
  kinematics(args: { runId: number; trackId: number; startFrame?: number; endFrame?: number; smoothFrames?: number; minScore?: number }): KinematicsSeriesPayload {
    const run = this.#poseRun(args.runId);
    const start = args.startFrame ?? 0;
    const end = Math.min(args.endFrame ?? run.framesDone, run.framesDone, start + MAX_KINEMATICS_FRAMES);
    const frames = unpackPoses(this.#store.poses.readPacked(run.id, start, Math.max(start, end)));
    const track = trackKinematics(frames, { smoothFrames: args.smoothFrames, minScore: args.minScore }).find((t) => t.trackId === args.trackId);
    return toPayload(run.id, args.trackId, track);
  }

  #poseRun(runId: number): RunRecord {
    const run = this.#store.runs.get(runId);
    if (!run) throw new AppError('NOT_FOUND', `No run with id ${runId}.`, { field: 'runId' });
    if (!isPoseRun(run)) throw new AppError('INVALID_ARGUMENT', `Run ${runId} is a run of "${run.modelId}", not a pose run.`, { field: 'runId' });
    return run;
  }
}

const orNull = (values: number[]) => values.map((v) => (Number.isFinite(v) ? v : null));
const mapSeries = (series: Record<string, number[]>) => Object.fromEntries(Object.entries(series).map(([k, v]) => [k, orNull(v)]));

function toPayload(runId: number, trackId: number, track: TrackKinematics | undefined): KinematicsSeriesPayload {
  if (!track) return { runId, trackId, frames: [], times: [], torsoLength: null, angles: {}, speedPx: {}, speedTorso: {} };
  return {
    runId,
    trackId,
    frames: track.frames,
    times: track.times,
    torsoLength: Number.isFinite(track.torsoLength) ? track.torsoLength : null,
    angles: mapSeries(track.angles),
    speedPx: mapSeries(track.speedPx),
    speedTorso: mapSeries(track.speedTorso),
  };
}

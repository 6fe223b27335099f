/**
 * Multi-person tracking for the pose stage: detections (MultiPose, every few frames) are matched
 * to tracks by box overlap and keypoint similarity, each live track is refined on its own crop
 * every frame, and a track whose person disappears is kept a while as "lost" to be re-identified.
 *
 * [Note: plain, deterministic state] Everything the tracker knows is `TrackerState`, plain
 * numbers and arrays: `snapshot()` after frame n and `restore()` before frame n + 1 continue
 * exactly as an uninterrupted run (a resumed pose run is bit-identical). Ties are broken by track
 * id and detection order, never by iteration order of a Map.
 */
import { KEYPOINT_COUNT, type PersonBox, type PersonPose, type PoseSettings } from '../../shared/pose.js';
import { boxCentreDistance, iou, keypointBounds, oks, personBox, squareAround, type Square } from './geometry.js';
import type { Detection } from './models.js';

/** Run the detector at least every this many frames while people are tracked (every frame when nobody is). */
export const DETECT_EVERY = 5;
/**
 * A refined pose with fewer than four confident keypoints, or a mean keypoint score below this, is
 * not a person (MoveNet gives ~0.04 on a black crop, ~0.06 on an empty table; truncated
 * close-ups of real people stay above 0.15 thanks to their upper bodies).
 */
export const LOST_SCORE = 0.1;
/** How long a lost track is kept (reported with `lost: true`) before it is forgotten. */
export const LOST_KEEP_SECONDS = 1.5;
/** Two live tracks whose boxes overlap this much follow the same person: the younger one goes. */
const DUPLICATE_IOU = 0.6;
const MIN_MATCH_ACTIVE = 0.25;
const MIN_MATCH_LOST = 0.3;

export interface TrackState {
  id: number;
  /** Last box seen, frame pixels. */
  box: PersonBox;
  /** Where to look for the person on the next frame. */
  crop: Square;
  /** Last keypoints seen (KEYPOINT_COUNT × [x, y, score]). */
  keypoints: number[];
  score: number;
  /** Presentation time the person was lost at, or null while tracked. */
  lostSince: number | null;
  /** Frames on which the person was found. */
  hits: number;
}

export interface TrackerState {
  version: 1;
  nextId: number;
  framesSinceDetection: number;
  detectNext: boolean;
  tracks: TrackState[];
}

export function emptyTrackerState(): TrackerState {
  return { version: 1, nextId: 1, framesSinceDetection: 0, detectNext: true, tracks: [] };
}

export class PoseTracker {
  #state: TrackerState;
  readonly #settings: PoseSettings;

  constructor(settings: PoseSettings, state: TrackerState = emptyTrackerState()) {
    this.#settings = settings;
    this.#state = structuredClone(state);
  }

  snapshot(): TrackerState {
    return structuredClone(this.#state);
  }

  /** Whether this frame runs the detector (before any refinement). */
  needsDetection(): boolean {
    const s = this.#state;
    return s.detectNext || s.framesSinceDetection + 1 >= DETECT_EVERY || !s.tracks.some((t) => t.lostSince === null);
  }

  /** Tracks to refine on this frame, by id. */
  liveTracks(): TrackState[] {
    return this.#state.tracks.filter((t) => t.lostSince === null);
  }

  /** Matches this frame's detections to the tracks; unmatched detections start tracks (up to maxPeople). */
  associate(detections: Detection[], minCropSide: number): void {
    const s = this.#state;
    const dets = suppressOverlaps(detections);
    const pairs: { sim: number; track: TrackState; det: number }[] = [];
    for (const track of s.tracks) {
      dets.forEach((det, index) => {
        const sim = similarity(track, det);
        if (sim >= (track.lostSince === null ? MIN_MATCH_ACTIVE : MIN_MATCH_LOST)) pairs.push({ sim, track, det: index });
      });
    }
    pairs.sort((a, b) => b.sim - a.sim || a.track.id - b.track.id || a.det - b.det);
    const matchedTracks = new Set<number>();
    const matchedDets = new Set<number>();
    for (const { track, det } of pairs) {
      if (matchedTracks.has(track.id) || matchedDets.has(det)) continue;
      matchedTracks.add(track.id);
      matchedDets.add(det);
      track.crop = cropOf(dets[det]!, minCropSide);
      track.lostSince = null;
    }
    dets.forEach((det, index) => {
      if (matchedDets.has(index)) return;
      if (s.tracks.some((t) => t.lostSince === null && iou(t.box, det.box) > 0.5)) return;
      if (s.tracks.length >= this.#settings.maxPeople && !this.#evictOldestLost()) return;
      s.tracks.push({ id: s.nextId++, box: det.box, crop: cropOf(det, minCropSide), keypoints: det.keypoints, score: det.score, lostSince: null, hits: 0 });
    });
    s.framesSinceDetection = -1; // endFrame counts this frame
    s.detectNext = false;
  }

  /** A live track's refined keypoints on this frame; too weak a pose loses the track. */
  applyRefinement(track: TrackState, keypoints: number[], frame: { width: number; height: number; time: number }, minCropSide: number): void {
    const bounds = keypointBounds(keypoints);
    const score = meanScore(keypoints);
    if (!bounds || score < LOST_SCORE) {
      this.#state.detectNext = true;
      // A track never confirmed by a refinement was a false detection: drop it rather than report it lost.
      if (track.hits === 0) this.#state.tracks = this.#state.tracks.filter((t) => t !== track);
      else track.lostSince = frame.time;
      return;
    }
    track.keypoints = keypoints;
    track.score = score;
    track.box = personBox(bounds, frame.width, frame.height);
    track.crop = squareAround(bounds, minCropSide);
    track.hits += 1;
  }

  /** Ends the frame: drops duplicate and expired tracks, and returns everyone to report, by id. */
  endFrame(time: number): PersonPose[] {
    const s = this.#state;
    s.framesSinceDetection += 1;
    const live = s.tracks.filter((t) => t.lostSince === null).sort((a, b) => b.hits - a.hits || a.id - b.id);
    const dropped = new Set<TrackState>();
    for (let i = 0; i < live.length; i++) {
      for (let j = i + 1; j < live.length; j++) {
        if (!dropped.has(live[i]!) && iou(live[i]!.box, live[j]!.box) > DUPLICATE_IOU) dropped.add(live[j]!);
      }
    }
    s.tracks = s.tracks.filter((t) => !dropped.has(t) && (t.lostSince === null || time - t.lostSince <= LOST_KEEP_SECONDS));
    s.tracks.sort((a, b) => a.id - b.id);
    return s.tracks.map(toPerson);
  }

  #evictOldestLost(): boolean {
    const lost = this.#state.tracks.filter((t) => t.lostSince !== null).sort((a, b) => a.lostSince! - b.lostSince! || a.id - b.id);
    if (lost.length === 0) return false;
    this.#state.tracks = this.#state.tracks.filter((t) => t !== lost[0]);
    return true;
  }
}

function similarity(track: TrackState, det: Detection): number {
  if (track.lostSince === null) return 0.5 * iou(track.box, det.box) + 0.5 * oks(track.keypoints, det.keypoints, track.box);
  // A lost person is re-identified by place: the detection overlaps or stands near the last box.
  const reach = 1.5 * Math.max(track.box.width, track.box.height, 1);
  return 0.9 * Math.max(iou(track.box, det.box), 1 - boxCentreDistance(track.box, det.box) / reach);
}

function cropOf(det: Detection, minCropSide: number): Square {
  return squareAround(keypointBounds(det.keypoints) ?? det.box, minCropSide);
}

/** Highest-scoring first; a detection overlapping a better one by more than half is the same person. */
function suppressOverlaps(detections: Detection[]): Detection[] {
  const sorted = [...detections].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const det of sorted) if (!kept.some((k) => iou(k.box, det.box) > 0.5)) kept.push(det);
  return kept;
}

function meanScore(keypoints: number[]): number {
  let sum = 0;
  for (let k = 0; k < KEYPOINT_COUNT; k++) sum += keypoints[3 * k + 2]!;
  return sum / KEYPOINT_COUNT;
}

function toPerson(track: TrackState): PersonPose {
  const keypoints = Float32Array.from(track.keypoints);
  const box = { ...track.box };
  if (track.lostSince === null) return { trackId: track.id, box, score: track.score, keypoints };
  for (let k = 0; k < KEYPOINT_COUNT; k++) keypoints[3 * k + 2] = 0;
  return { trackId: track.id, box, score: 0, keypoints, lost: true };
}

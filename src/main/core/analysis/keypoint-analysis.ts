/**
 * A skeleton model over a video's completed pose run (see [Note: skeleton models] in
 * strategies/keypoint.ts): each tracked person through the model with their own state or
 * windows, their rows stored per person (person_prediction_chunks), and the run's frame rows the
 * union over people ([Note: union over people]) handed to the PredictionWriter like any run's.
 *
 * [Note: streamed people] Hours of surveillance footage hold millions of person-frames, so no
 * track is ever held whole. Each track's first and last frame come from the pose run's presence
 * bytes (two numbers per track, no keypoints read); the pose run is then read in blocks, every
 * person's frames fed to their own PersonRunner (which keeps only what a later batch, chunk or
 * window needs), each person's rows stored as their chunks fill, and a frame's row handed on once
 * every person on it has theirs. What a run holds is then bounded by the block and the people in it, not by the
 * video's length, and the rows equal those of whole tracks at once (same batches and windows).
 *
 * [Note: skeleton resume] The action model over keypoints costs little next to the pose run it
 * reads (stored, and itself resumable), and it is deterministic given the pose run (the same
 * batches in the same order), so a resumed run recomputes every person from their first frame:
 * person chunks already stored are kept as they are (same values), and frame rows continue after
 * the last committed one. Its only restart point is frame 0, with no state.
 */
import { AppError } from '../../../shared/errors.js';
import type { ModelManifest } from '../../../shared/manifest.js';
import { KEYPOINT_COUNT } from '../../../shared/pose.js';
import { unpackPoses } from '../../../shared/pose-run.js';
import type { InferenceWorker } from '../../../workers/inference/client.js';
import type { Store } from '../store/index.js';
import type { FrameClock } from './frame-clock.js';
import { FRAME_VALUES, unionRow, type RunModel } from './strategies/keypoint.js';
import { PersonRunner, RowBuffer } from './strategies/person-runner.js';
import type { ResumeLedger, RowSink } from './strategies/index.js';

/** Pose frames read at a time (bounded reads, as readPoseFrames in pose/pose-source.ts). */
const POSE_READ_FRAMES = 2048;
/** Frames per stored per-person chunk. */
export const PERSON_CHUNK_FRAMES = 512;

export interface AnalyseKeypointsOptions {
  store: Store;
  manifest: ModelManifest;
  worker: InferenceWorker;
  /** The completed pose run the people come from. */
  poseRunId: number;
  /** The action run being computed. */
  runId: number;
  fps: number;
  resumeFrom: number;
  ledger?: ResumeLedger;
  clock?: FrameClock;
  signal: AbortSignal;
  onRow: RowSink;
  onProgress?: (framesDone: number, frameCount: number) => void;
  /** Pose frames per block ([Note: streamed people]); tests make it small to cross many blocks. */
  blockFrames?: number;
}

/** A person being streamed: their runner, the probabilities not yet both stored and in a frame row. */
interface StreamedPerson {
  trackId: number;
  first: number;
  runner: PersonRunner;
  probs: RowBuffer;
  /** Track-relative frames stored in person chunks. */
  stored: number;
  /** The last frame fed (absolute) and its values, to fill frames the track skipped. */
  lastFed: number;
  last: Float32Array;
}

export async function analyseKeypoints(o: AnalyseKeypointsOptions): Promise<{ frameCount: number; people: number }> {
  const { store, manifest, signal } = o;
  const block = o.blockFrames ?? POSE_READ_FRAMES;
  const frameCount = store.runs.get(o.poseRunId)?.framesDone ?? 0;
  o.ledger?.register(0, 0, null);
  const extents = store.poses.trackExtents(o.poseRunId);

  const run: RunModel = async (feeds, fetch) => (await o.worker.run(feeds, fetch)).outputs;
  const classes = manifest.labels.length;
  const active = new Map<number, StreamedPerson>();
  const row = new Float32Array(classes);
  let nextRow = 0;
  for (let start = 0; start < frameCount; start += block) {
    if (signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
    const end = Math.min(frameCount, start + block);
    for (const frame of unpackPoses(store.poses.readPacked(o.poseRunId, start, end))) {
      o.clock?.record(frame.frame, frame.time);
      for (const person of frame.people) {
        let streamed = active.get(person.trackId);
        if (!streamed) {
          const { first, last } = extents.get(person.trackId)!;
          streamed = { trackId: person.trackId, first, runner: new PersonRunner(manifest, run, o.fps, last - first + 1), probs: new RowBuffer(classes), stored: 0, lastFed: first - 1, last: new Float32Array(FRAME_VALUES) };
          active.set(person.trackId, streamed);
        }
        feed(streamed, frame.frame, person.keypoints, person.lost === true);
      }
    }
    for (const person of active.values()) {
      if (signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
      await person.runner.advance((from, probs) => {
        if (from !== person.probs.end) throw new Error(`track ${person.trackId}: probabilities for frame ${from} after ${person.probs.end}`);
        person.probs.push(probs);
      });
    }
    storeFilledChunks(store, o.runId, active.values(), classes);
    // A frame's row is final once every person on it has their probabilities for it.
    let frontier = end;
    for (const p of active.values()) if (p.runner.done < p.runner.frameCount) frontier = Math.min(frontier, p.first + p.runner.done);
    for (; nextRow < frontier; nextRow++) {
      if (nextRow < o.resumeFrom) continue;
      row.fill(0);
      for (const p of active.values()) {
        const t = nextRow - p.first;
        if (t >= 0 && t < p.runner.frameCount) unionRow(row, p.probs.rows(t, t + 1));
      }
      o.onRow(nextRow, row);
    }
    for (const p of active.values()) {
      p.probs.dropBefore(Math.min(p.stored, nextRow - p.first));
      if (p.stored === p.runner.frameCount && p.first + p.runner.frameCount <= nextRow) active.delete(p.trackId);
    }
    o.onProgress?.(nextRow, frameCount);
  }
  if (active.size > 0 || nextRow < frameCount) throw new Error(`skeleton run ended with ${active.size} people unfinished at frame ${nextRow} of ${frameCount}`);
  return { frameCount, people: extents.size };
}

/** Feeds one appearance of a person; frames the track skipped get the last positions with scores 0. */
function feed(person: StreamedPerson, frame: number, keypoints: ArrayLike<number>, lost: boolean): void {
  for (let missing = person.lastFed + 1; missing < frame; missing++) {
    for (let k = 0; k < KEYPOINT_COUNT; k++) person.last[3 * k + 2] = 0;
    person.runner.push(person.last);
  }
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    person.last[3 * k] = keypoints[3 * k]!;
    person.last[3 * k + 1] = keypoints[3 * k + 1]!;
    person.last[3 * k + 2] = lost ? 0 : keypoints[3 * k + 2]!;
  }
  person.runner.push(person.last);
  person.lastFed = frame;
}

/** Each person's full chunks of PERSON_CHUNK_FRAMES (and a finished person's last one), committed together. */
function storeFilledChunks(store: Store, runId: number, people: Iterable<StreamedPerson>, classes: number): void {
  store.transaction(() => {
    for (const p of people) {
      const n = p.runner.frameCount;
      while (p.runner.done - p.stored >= PERSON_CHUNK_FRAMES || (p.runner.done === n && p.stored < n)) {
        const to = Math.min(n, p.stored + PERSON_CHUNK_FRAMES);
        store.personPredictions.append(runId, { trackId: p.trackId, startFrame: p.first + p.stored, classCount: classes, probs: p.probs.rows(p.stored, to).slice() });
        p.stored = to;
      }
    }
  });
}

/**
 * A skeleton model over a video's completed pose run (see [Note: skeleton models] in
 * strategies/keypoint.ts): each tracked person through the model with their own state or
 * windows, their rows stored per person (person_prediction_chunks), and the run's frame rows the
 * union over people ([Note: union over people]) handed to the PredictionWriter like any run's.
 *
 * [Note: skeleton resume] The action model over keypoints costs little next to the pose run it
 * reads (stored, and itself resumable), and it is deterministic given the pose run (the same
 * batches in the same order), so a resumed run recomputes every person from their first frame:
 * person chunks already stored are kept as they are (same values), and frame rows continue after
 * the last committed one. Its only restart point is frame 0, with no state.
 */
import { AppError } from '../../../shared/errors.js';
import type { ModelManifest } from '../../../shared/manifest.js';
import { unpackPoses } from '../../../shared/pose-run.js';
import type { InferenceWorker } from '../../../workers/inference/client.js';
import type { Store } from '../store/index.js';
import type { FrameClock } from './frame-clock.js';
import { PersonSequenceBuilder, personProbabilities, unionRow, type PersonSequence, type RunModel } from './strategies/keypoint.js';
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
}

export async function analyseKeypoints(o: AnalyseKeypointsOptions): Promise<{ frameCount: number; people: number }> {
  const { store, manifest, signal } = o;
  const frameCount = store.runs.get(o.poseRunId)?.framesDone ?? 0;
  o.ledger?.register(0, 0, null);
  const builder = new PersonSequenceBuilder();
  for (let start = 0; start < frameCount; start += POSE_READ_FRAMES) {
    const frames = unpackPoses(store.poses.readPacked(o.poseRunId, start, Math.min(frameCount, start + POSE_READ_FRAMES)));
    for (const frame of frames) o.clock?.record(frame.frame, frame.time);
    builder.add(frames);
  }
  const run: RunModel = async (feeds, fetch) => (await o.worker.run(feeds, fetch)).outputs;
  const classes = manifest.labels.length;
  const people: { person: PersonSequence; probs: Float32Array }[] = [];
  const sequences = builder.sequences();
  let framesDone = 0;
  const totalPersonFrames = sequences.reduce((n, p) => n + p.frameCount, 0);
  for (const person of sequences) {
    if (signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
    const probs = await personProbabilities(manifest, run, person, o.fps);
    storePerson(store, o.runId, person, probs, classes);
    people.push({ person, probs });
    framesDone += person.frameCount;
    // Progress in video frames: the share of all people's frames done so far.
    o.onProgress?.(Math.floor((frameCount * framesDone) / Math.max(1, totalPersonFrames)), frameCount);
  }
  const row = new Float32Array(classes);
  for (let f = o.resumeFrom; f < frameCount; f++) {
    row.fill(0);
    for (const { person, probs } of people) {
      const t = f - person.firstFrame;
      if (t >= 0 && t < person.frameCount) unionRow(row, probs.subarray(t * classes, (t + 1) * classes));
    }
    o.onRow(f, row);
  }
  return { frameCount, people: people.length };
}

/** One person's rows in chunks of PERSON_CHUNK_FRAMES run frames, committed together. */
function storePerson(store: Store, runId: number, person: PersonSequence, probs: Float32Array, classes: number): void {
  store.transaction(() => {
    for (let t = 0; t < person.frameCount; t += PERSON_CHUNK_FRAMES) {
      const end = Math.min(person.frameCount, t + PERSON_CHUNK_FRAMES);
      store.personPredictions.append(runId, { trackId: person.trackId, startFrame: person.firstFrame + t, classCount: classes, probs: probs.slice(t * classes, end * classes) });
    }
  });
}

/**
 * Pose runs as the store, the contract and the review screen exchange them: a run whose "model"
 * is a pose model, its people packed in typed arrays (one entry per person per frame), and the
 * presence of each track. Plain data only; pose.ts has the keypoint layout.
 */
import { KEYPOINT_COUNT, POSE_MODELS, type PersonPose, type PoseFrame, type PoseModelName } from './pose.js';

/** Run "model" ids of pose runs: `pose:lightning`, `pose:thunder`. */
export const POSE_MODEL_PREFIX = 'pose:';

export function poseModelId(model: PoseModelName): string {
  return `${POSE_MODEL_PREFIX}${model}`;
}

/** The pose model of a run's model id, or null for an action model's run. */
export function poseModelOf(modelId: string): PoseModelName | null {
  if (!modelId.startsWith(POSE_MODEL_PREFIX)) return null;
  const name = modelId.slice(POSE_MODEL_PREFIX.length);
  return (POSE_MODELS as readonly string[]).includes(name) ? (name as PoseModelName) : null;
}

export function isPoseRun(run: { modelId: string }): boolean {
  return run.modelId.startsWith(POSE_MODEL_PREFIX);
}

/** Floats per person in PackedPoses.boxes: x, y, width, height, score. */
export const BOX_STRIDE = 5;
/** Floats per person in PackedPoses.keypoints: x, y, score for each COCO-17 keypoint. */
export const KEYPOINT_STRIDE = KEYPOINT_COUNT * 3;

/**
 * The people of frames [startFrame, startFrame + frameCount), one entry per person per frame,
 * in frame order then track order. Every frame of the range has its time, people or not.
 */
export interface PackedPoses {
  startFrame: number;
  frameCount: number;
  /** Seconds, one per frame of the range. */
  times: Float64Array;
  /** Per person: the frame it is on. */
  frames: Int32Array;
  trackIds: Int32Array;
  /** Per person: 1 when the tracker reports the person lost (see PersonPose.lost), else 0. */
  lost: Uint8Array;
  /** Per person: BOX_STRIDE floats. */
  boxes: Float32Array;
  /** Per person: KEYPOINT_STRIDE floats (x, y, score per keypoint), as PersonPose.keypoints. */
  keypoints: Float32Array;
}

/** When a track holds a person: half-open frame spans [start, end), in order. */
export interface TrackPresence {
  trackId: number;
  spans: [number, number][];
  /** Frames it holds a person. */
  frames: number;
}

export function packPoses(startFrame: number, poseFrames: readonly PoseFrame[]): PackedPoses {
  const people = poseFrames.reduce((n, f) => n + f.people.length, 0);
  const packed: PackedPoses = {
    startFrame,
    frameCount: poseFrames.length,
    times: Float64Array.from(poseFrames, (f) => f.time),
    frames: new Int32Array(people),
    trackIds: new Int32Array(people),
    lost: new Uint8Array(people),
    boxes: new Float32Array(people * BOX_STRIDE),
    keypoints: new Float32Array(people * KEYPOINT_STRIDE),
  };
  let i = 0;
  for (const frame of poseFrames) {
    for (const person of [...frame.people].sort((a, b) => a.trackId - b.trackId)) {
      packed.frames[i] = frame.frame;
      packed.trackIds[i] = person.trackId;
      packed.lost[i] = person.lost ? 1 : 0;
      packed.boxes.set([person.box.x, person.box.y, person.box.width, person.box.height, person.score], i * BOX_STRIDE);
      packed.keypoints.set(person.keypoints.subarray(0, KEYPOINT_STRIDE), i * KEYPOINT_STRIDE);
      i += 1;
    }
  }
  return packed;
}

export function unpackPoses(packed: PackedPoses): PoseFrame[] {
  const out: PoseFrame[] = Array.from({ length: packed.frameCount }, (_, k) => ({ frame: packed.startFrame + k, time: packed.times[k]!, people: [] }));
  for (let i = 0; i < packed.frames.length; i++) {
    const b = packed.boxes.subarray(i * BOX_STRIDE, (i + 1) * BOX_STRIDE);
    const person: PersonPose = {
      trackId: packed.trackIds[i]!,
      box: { x: b[0]!, y: b[1]!, width: b[2]!, height: b[3]! },
      score: b[4]!,
      keypoints: packed.keypoints.slice(i * KEYPOINT_STRIDE, (i + 1) * KEYPOINT_STRIDE),
      ...(packed.lost[i] ? { lost: true } : {}),
    };
    out[packed.frames[i]! - packed.startFrame]?.people.push(person);
  }
  return out;
}

/**
 * PackedPoses as JSON can carry them (the web host speaks JSON): each typed array as base64 of its
 * little-endian bytes. A range of a few thousand frames stays a few hundred kilobytes.
 */
export interface PoseFramesPayload {
  runId: number;
  startFrame: number;
  frameCount: number;
  people: number;
  times: string;
  frames: string;
  trackIds: string;
  lost: string;
  boxes: string;
  keypoints: string;
}

function toBase64(array: Float64Array | Float32Array | Int32Array | Uint8Array): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function encodePoses(runId: number, packed: PackedPoses): PoseFramesPayload {
  return {
    runId,
    startFrame: packed.startFrame,
    frameCount: packed.frameCount,
    people: packed.frames.length,
    times: toBase64(packed.times),
    frames: toBase64(packed.frames),
    trackIds: toBase64(packed.trackIds),
    lost: toBase64(packed.lost),
    boxes: toBase64(packed.boxes),
    keypoints: toBase64(packed.keypoints),
  };
}

export function decodePoses(payload: PoseFramesPayload): PackedPoses {
  return {
    startFrame: payload.startFrame,
    frameCount: payload.frameCount,
    times: new Float64Array(fromBase64(payload.times)),
    frames: new Int32Array(fromBase64(payload.frames)),
    trackIds: new Int32Array(fromBase64(payload.trackIds)),
    lost: new Uint8Array(fromBase64(payload.lost)),
    boxes: new Float32Array(fromBase64(payload.boxes)),
    keypoints: new Float32Array(fromBase64(payload.keypoints)),
  };
}

/** One track's kinematics as JSON carries it: null where the series has a gap. */
export interface KinematicsSeriesPayload {
  runId: number;
  trackId: number;
  frames: number[];
  times: number[];
  torsoLength: number | null;
  angles: Record<string, (number | null)[]>;
  speedPx: Record<string, (number | null)[]>;
  speedTorso: Record<string, (number | null)[]>;
}

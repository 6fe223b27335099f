/**
 * [Note: skeleton models] A skeleton model (inputs.keypoints) is fed one tracked person's COCO-17
 * keypoints from the video's pose run, not frames. Each track of the pose run is a person
 * sequence from the first frame it appears on to the last: on frames where the tracker keeps the
 * person as `lost` (or, should a track ever skip frames, not there at all) the positions are the
 * last ones seen and every score is 0, as the model was trained (manifest `keypoints.absent`).
 * Each person gets their own model state, exactly as models/skeleton/run-model.ts (the reference,
 * which PyTorch's parity records agree with) runs one person:
 * - frame-classifier: every frame alone (batches of FRAME_BATCH);
 * - recurrent: chunks of RECURRENT_CHUNK frames, every state (h, c, pose_state) carried, zeros at
 *   the person's first frame;
 * - clip: a causal window of clip.length frames ending every CLIP_STRIDE-th frame counted back
 *   from the person's last frame (the first frame repeated before the start); each frame takes the
 *   latest window ending at or before it (the frames before the first end take the first window).
 * The sequences are built from the completed pose run, so each person's whole track is known.
 */
import type { ModelManifest } from '../../../../shared/manifest.js';
import { KEYPOINT_COUNT, type PoseFrame } from '../../../../shared/pose.js';
import type { WireTensor } from '../../../../workers/inference/protocol.js';
import { outputRows } from '../outputs.js';

/** Values per frame: x, y, score of each COCO keypoint. */
export const FRAME_VALUES = KEYPOINT_COUNT * 3;
export const RECURRENT_CHUNK = 64;
export const CLIP_STRIDE = 4;
export const FRAME_BATCH = 256;
const CLIP_BATCH = 32;

/** The run's alignment string (runs.alignment) for a skeleton model: per person, then the union over people. */
export function keypointAlignment(manifest: ModelManifest): string {
  const person =
    manifest.family === 'recurrent' ? `causal;chunk=${RECURRENT_CHUNK};state-carried` : manifest.family === 'clip' ? `causal-window=${manifest.clip?.length ?? 32};every=${CLIP_STRIDE}-from-last;held` : 'framewise';
  return `keypoints;per-person=${person};frame=max-over-people`;
}

/** One tracked person's keypoints over frames [firstFrame, firstFrame + frameCount), FRAME_VALUES per frame. */
export interface PersonSequence {
  trackId: number;
  firstFrame: number;
  frameCount: number;
  keypoints: Float32Array;
}

/** Runs the model once: feeds in, the named outputs back. */
export type RunModel = (feeds: Record<string, WireTensor>, fetch: string[]) => Promise<Record<string, { data: Float32Array; dims: number[] }>>;

/** Collects person sequences from pose frames handed over in frame order (in windows, so a long video is never read at once). */
export class PersonSequenceBuilder {
  readonly #tracks = new Map<number, { firstFrame: number; lastSeen: number; values: number[] }>();

  add(frames: readonly PoseFrame[]): void {
    for (const frame of frames) {
      for (const person of frame.people) {
        let track = this.#tracks.get(person.trackId);
        if (!track) this.#tracks.set(person.trackId, (track = { firstFrame: frame.frame, lastSeen: frame.frame - 1, values: [] }));
        // A frame the track skipped: last positions, scores 0 (not seen).
        for (let missing = track.lastSeen + 1; missing < frame.frame; missing++) pushAbsent(track.values);
        for (let k = 0; k < KEYPOINT_COUNT; k++) {
          const at = 3 * k;
          track.values.push(person.keypoints[at]!, person.keypoints[at + 1]!, person.lost ? 0 : person.keypoints[at + 2]!);
        }
        track.lastSeen = frame.frame;
      }
    }
  }

  sequences(): PersonSequence[] {
    return [...this.#tracks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([trackId, t]) => ({ trackId, firstFrame: t.firstFrame, frameCount: t.values.length / FRAME_VALUES, keypoints: Float32Array.from(t.values) }));
  }
}

function pushAbsent(values: number[]): void {
  const last = values.slice(values.length - FRAME_VALUES);
  for (let k = 0; k < KEYPOINT_COUNT; k++) values.push(last[3 * k]!, last[3 * k + 1]!, 0);
}

/** One person's per-frame probabilities (frameCount × classes) from a skeleton model, as [Note: skeleton models] says. */
export async function personProbabilities(manifest: ModelManifest, run: RunModel, person: PersonSequence, fps: number): Promise<Float32Array> {
  const input = manifest.inputs.keypoints;
  if (!input) throw new Error(`Model "${manifest.id}" is not a skeleton model.`);
  const classes = manifest.labels.length;
  const n = person.frameCount;
  const out = new Float32Array(n * classes);
  const fpsFeed = (count: number): Record<string, WireTensor> => (manifest.inputs.fps ? { [manifest.inputs.fps.name]: { data: new Float32Array(count).fill(fps), dims: [count] } } : {});
  const frames = (from: number, to: number) => person.keypoints.slice(from * FRAME_VALUES, to * FRAME_VALUES);
  const rows = async (feeds: Record<string, WireTensor>, count: number, fetch: string[] = []) => {
    const outputs = await run(feeds, [manifest.output.name, ...fetch]);
    return { probs: outputRows(outputs, manifest.output.name, count, classes, manifest.output.kind), outputs };
  };

  if (manifest.family === 'frame-classifier') {
    for (let start = 0; start < n; start += FRAME_BATCH) {
      const count = Math.min(FRAME_BATCH, n - start);
      const { probs } = await rows({ [input.name]: { data: frames(start, start + count), dims: [count, KEYPOINT_COUNT, 3] }, ...fpsFeed(count) }, count);
      out.set(probs, start * classes);
    }
    return out;
  }
  if (manifest.family === 'recurrent') {
    const states = manifest.inputs.state ?? [];
    let state: Record<string, WireTensor> = Object.fromEntries(states.map((s) => [s.input, { data: new Float32Array(s.shape.reduce((a, b) => a * b, 1)), dims: [...s.shape] }]));
    for (let start = 0; start < n; start += RECURRENT_CHUNK) {
      const count = Math.min(RECURRENT_CHUNK, n - start);
      const { probs, outputs } = await rows({ [input.name]: { data: frames(start, start + count), dims: [1, count, KEYPOINT_COUNT, 3] }, ...fpsFeed(1), ...state }, count, states.map((s) => s.output));
      state = Object.fromEntries(states.map((s) => [s.input, { data: outputs[s.output]!.data, dims: [...s.shape] }]));
      out.set(probs, start * classes);
    }
    return out;
  }
  const length = manifest.clip?.length ?? 32;
  const ends: number[] = [];
  for (let e = n - 1; e >= 0; e -= CLIP_STRIDE) ends.unshift(e);
  const windowProbs = new Float32Array(ends.length * classes);
  for (let w0 = 0; w0 < ends.length; w0 += CLIP_BATCH) {
    const batch = ends.slice(w0, w0 + CLIP_BATCH);
    const data = new Float32Array(batch.length * length * FRAME_VALUES);
    batch.forEach((end, b) => {
      for (let k = 0; k < length; k++) {
        const f = Math.max(0, end - length + 1 + k);
        data.set(person.keypoints.subarray(f * FRAME_VALUES, (f + 1) * FRAME_VALUES), (b * length + k) * FRAME_VALUES);
      }
    });
    const { probs } = await rows({ [input.name]: { data, dims: [batch.length, length, KEYPOINT_COUNT, 3] }, ...fpsFeed(batch.length) }, batch.length);
    windowProbs.set(probs, w0 * classes);
  }
  let w = 0;
  for (let f = 0; f < n; f++) {
    while (w + 1 < ends.length && ends[w + 1]! <= f) w++;
    out.set(windowProbs.subarray(w * classes, (w + 1) * classes), f * classes);
  }
  return out;
}

/**
 * [Note: union over people] The run's row for a frame is the per-class maximum over the people on
 * it: "someone on this frame is falling" is what review rules, segments, eval and exports ask,
 * and a maximum keeps one person's confident action from being diluted by the others (a mean
 * would hide a fall among three idle people). Rows are then not distributions (they may sum to
 * more than 1); a frame with nobody is all zeros, which every threshold reads as no label.
 */
export function unionRow(into: Float32Array, row: Float32Array): void {
  for (let c = 0; c < into.length; c++) if (row[c]! > into[c]!) into[c] = row[c]!;
}

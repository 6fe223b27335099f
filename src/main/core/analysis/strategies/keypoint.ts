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
 * The pose run is complete before the action model starts, so each track's length is known before
 * its first frame is fed (strategies/person-runner.ts runs one person block by block).
 */
import type { ModelManifest } from '../../../../shared/manifest.js';
import { KEYPOINT_COUNT } from '../../../../shared/pose.js';
import type { WireTensor } from '../../../../workers/inference/protocol.js';

/** Values per frame: x, y, score of each COCO keypoint. */
export const FRAME_VALUES = KEYPOINT_COUNT * 3;
export const RECURRENT_CHUNK = 64;
export const CLIP_STRIDE = 4;
export const FRAME_BATCH = 256;
export const CLIP_BATCH = 32;

/** The run's alignment string (runs.alignment) for a skeleton model: per person, then the union over people. */
export function keypointAlignment(manifest: ModelManifest): string {
  const person =
    manifest.family === 'recurrent' ? `causal;chunk=${RECURRENT_CHUNK};state-carried` : manifest.family === 'clip' ? `causal-window=${manifest.clip?.length ?? 32};every=${CLIP_STRIDE}-from-last;held` : 'framewise';
  return `keypoints;per-person=${person};frame=max-over-people`;
}

/** Runs the model once: feeds in, the named outputs back. */
export type RunModel = (feeds: Record<string, WireTensor>, fetch: string[]) => Promise<Record<string, { data: Float32Array; dims: number[] }>>;

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

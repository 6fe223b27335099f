/**
 * The generator's skeleton points mapped to the COCO-17 keypoints a pose estimator outputs
 * (src/shared/pose.ts), in the figure's own 3-D frame: x forward, y up, z lateral (+ = the
 * figure's right side, see ../skeleton.ts). The face points (nose, eyes, ears) are placed on the
 * head sphere from the head's axis, since the figure has no face.
 */
import { P, POINT_COUNT, solveSkeleton } from '../skeleton.js';
import type { Body, Pose } from '../pose.js';

export const COCO_COUNT = 17;

/** COCO index → generator point for the body keypoints (5..16); the face (0..4) is computed. */
const BODY_POINTS: readonly [number, number][] = [
  [5, P.shoulderF], // left_shoulder: the far side is the figure's left
  [6, P.shoulderN],
  [7, P.elbowF],
  [8, P.elbowN],
  [9, P.wristF],
  [10, P.wristN],
  [11, P.hipF],
  [12, P.hipN],
  [13, P.kneeF],
  [14, P.kneeN],
  [15, P.ankleF],
  [16, P.ankleN],
];

/** Face points as (forward, up, right) multiples of the head radius, from the head centre. */
const FACE: readonly [number, number, number, number][] = [
  [0, 0.95, -0.1, 0], // nose
  [1, 0.75, 0.25, -0.35], // left_eye
  [2, 0.75, 0.25, 0.35], // right_eye
  [3, -0.05, 0.05, -0.95], // left_ear
  [4, -0.05, 0.05, 0.95], // right_ear
];

const scratch = new Float64Array(POINT_COUNT * 3);

/** COCO-17 points of a pose, (x, y, z) triples in heights, written to `out` (51 numbers). */
export function cocoPoints(body: Body, pose: Pose, out: Float64Array): Float64Array {
  const s = solveSkeleton(body, pose, 0, scratch);
  for (const [k, p] of BODY_POINTS) {
    out[k * 3] = s[p * 3] as number;
    out[k * 3 + 1] = s[p * 3 + 1] as number;
    out[k * 3 + 2] = s[p * 3 + 2] as number;
  }
  // The head's up axis (neck → head) lies in the sagittal plane; forward is it turned by -90°.
  const hx = s[P.head * 3] as number;
  const hy = s[P.head * 3 + 1] as number;
  const ux0 = hx - (s[P.neck * 3] as number);
  const uy0 = hy - (s[P.neck * 3 + 1] as number);
  const len = Math.hypot(ux0, uy0) || 1;
  const ux = ux0 / len;
  const uy = uy0 / len;
  const r = body.headR;
  for (const [k, f, u, z] of FACE) {
    out[k * 3] = hx + r * (f * uy + u * ux);
    out[k * 3 + 1] = hy + r * (-f * ux + u * uy);
    out[k * 3 + 2] = r * z;
  }
  return out;
}

/**
 * Boxes, crops and keypoint similarity for the pose tracker. Pure functions on plain numbers,
 * so the tracker's state stays plain data (for snapshots).
 */
import { KEYPOINT_COUNT, type PersonBox } from '../../shared/pose.js';

/** A square region of the frame, in frame pixels (it may extend past the frame's edges). */
export interface Square {
  cx: number;
  cy: number;
  side: number;
}

/** A keypoint counts as found at or above this score (MoveNet's own demos use 0.3). */
export const CONFIDENT_KEYPOINT = 0.3;
/** A person's crop is this much larger than their box, so moving limbs stay inside it. */
export const CROP_MARGIN = 1.25;

/** COCO's per-keypoint falloffs (σ) of the object keypoint similarity. */
const OKS_SIGMAS = [0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089];

export function iou(a: PersonBox, b: PersonBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** COCO's object keypoint similarity over the keypoints both poses are confident about (0 when none). */
export function oks(a: ArrayLike<number>, b: ArrayLike<number>, scaleBox: PersonBox): number {
  const area = Math.max(scaleBox.width * scaleBox.height, 1);
  let sum = 0;
  let count = 0;
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    if (a[3 * k + 2]! < CONFIDENT_KEYPOINT || b[3 * k + 2]! < CONFIDENT_KEYPOINT) continue;
    const dx = a[3 * k]! - b[3 * k]!;
    const dy = a[3 * k + 1]! - b[3 * k + 1]!;
    const kappa = 2 * OKS_SIGMAS[k]!;
    sum += Math.exp(-(dx * dx + dy * dy) / (2 * area * kappa * kappa));
    count += 1;
  }
  return count === 0 ? 0 : sum / count;
}

/** Tight box around the confident keypoints, or null when fewer than `minCount` are confident. */
export function keypointBounds(keypoints: ArrayLike<number>, minCount = 4): PersonBox | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let count = 0;
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    if (keypoints[3 * k + 2]! < CONFIDENT_KEYPOINT) continue;
    const x = keypoints[3 * k]!;
    const y = keypoints[3 * k + 1]!;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
    count += 1;
  }
  return count < minCount ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The person box shown and stored: the keypoints' bounds grown by 10% a side, clipped to the frame. */
export function personBox(bounds: PersonBox, frameWidth: number, frameHeight: number): PersonBox {
  const padX = 0.1 * Math.max(bounds.width, bounds.height * 0.25);
  const padY = 0.1 * Math.max(bounds.height, bounds.width * 0.25);
  const x = Math.max(0, bounds.x - padX);
  const y = Math.max(0, bounds.y - padY);
  return { x, y, width: Math.min(frameWidth, bounds.x + bounds.width + padX) - x, height: Math.min(frameHeight, bounds.y + bounds.height + padY) - y };
}

/** The square crop around a box: its centre, CROP_MARGIN × its longer side (at least `minSide`). */
export function squareAround(box: PersonBox, minSide: number): Square {
  return { cx: box.x + box.width / 2, cy: box.y + box.height / 2, side: Math.max(CROP_MARGIN * Math.max(box.width, box.height), minSide) };
}

export function boxCentreDistance(a: PersonBox, b: PersonBox): number {
  return Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
}

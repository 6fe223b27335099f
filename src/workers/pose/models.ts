/**
 * The pose ONNX files: their names, input sizes, and how their outputs map back to frame pixels.
 * See models/pose/MODEL_CARD.md for the formats.
 */
import { KEYPOINT_COUNT, type PersonBox, type PoseModelName } from '../../shared/pose.js';
import type { Square } from './geometry.js';

export interface PoseModelFile {
  file: string;
  /** Square input side, pixels. */
  size: number;
}

export const REFINER_FILES: Record<PoseModelName, PoseModelFile> = {
  lightning: { file: 'movenet-lightning.onnx', size: 192 },
  thunder: { file: 'movenet-thunder.onnx', size: 256 },
};
export const DETECTOR_FILE: PoseModelFile = { file: 'movenet-multipose.onnx', size: 256 };
/** MultiPose's output rows: at most six people per pass. */
export const DETECTOR_SLOTS = 6;
const DETECTOR_ROW = KEYPOINT_COUNT * 3 + 5;

export interface Detection {
  box: PersonBox;
  score: number;
  /** KEYPOINT_COUNT × [x, y, score] in frame pixels. */
  keypoints: number[];
}

/** MultiPose's [1, 6, 56] output on `region` → detections scoring at least `minScore`, in frame pixels. */
export function decodeDetections(output: Float32Array, region: Square, minScore: number): Detection[] {
  const left = region.cx - region.side / 2;
  const top = region.cy - region.side / 2;
  const found: Detection[] = [];
  for (let p = 0; p < DETECTOR_SLOTS; p++) {
    const row = p * DETECTOR_ROW;
    const score = output[row + KEYPOINT_COUNT * 3 + 4]!;
    if (!(score >= minScore)) continue;
    const keypoints: number[] = [];
    for (let k = 0; k < KEYPOINT_COUNT; k++) {
      keypoints.push(left + output[row + 3 * k + 1]! * region.side, top + output[row + 3 * k]! * region.side, output[row + 3 * k + 2]!);
    }
    const b = row + KEYPOINT_COUNT * 3;
    const y0 = top + output[b]! * region.side;
    const x0 = left + output[b + 1]! * region.side;
    const y1 = top + output[b + 2]! * region.side;
    const x1 = left + output[b + 3]! * region.side;
    found.push({ box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, score, keypoints });
  }
  return found;
}

/** Lightning/Thunder's [1, 1, 17, 3] (y, x, score in the crop) → KEYPOINT_COUNT × [x, y, score] in frame pixels. */
export function decodeKeypoints(output: Float32Array, region: Square): number[] {
  const left = region.cx - region.side / 2;
  const top = region.cy - region.side / 2;
  const keypoints: number[] = [];
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    keypoints.push(left + output[3 * k + 1]! * region.side, top + output[3 * k]! * region.side, output[3 * k + 2]!);
  }
  return keypoints;
}

/** The square that holds the whole frame, centred (letterboxing for the detector). */
export function wholeFrame(width: number, height: number): Square {
  return { cx: width / 2, cy: height / 2, side: Math.max(width, height) };
}

/**
 * Overlapping square tiles for crowds (more people than one detector pass returns, and smaller):
 * sides of half the frame's shorter side (at least the detector's input), overlapping by a
 * quarter, so a person half a tile tall is whole in at least one tile. A 1920 × 1080 frame
 * gives 4 × 2 tiles, 3840 × 2160 gives 5 × 3.
 */
export function detectionTiles(width: number, height: number): Square[] {
  const side = Math.max(DETECTOR_FILE.size, Math.min(width, height) / 2);
  const tiles: Square[] = [];
  for (const cy of tileCentres(height, side)) for (const cx of tileCentres(width, side)) tiles.push({ cx, cy, side });
  return tiles;
}

function tileCentres(length: number, side: number): number[] {
  if (length <= side) return [length / 2];
  const count = Math.ceil((length - side) / (0.75 * side)) + 1;
  const step = (length - side) / (count - 1);
  return Array.from({ length: count }, (_, i) => side / 2 + i * step);
}

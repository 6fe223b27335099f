/**
 * People and their keypoints, as the pose stage produces them and every consumer (store, export,
 * kinematics, the player's skeleton overlay, skeleton action models) reads them. Plain data only.
 *
 * [Note: COCO-17 layout]
 * Keypoints follow COCO's 17-point order, which MoveNet outputs: coordinates are in pixels of the
 * video as displayed (after rotation), x to the right, y down; `score` is the estimator's
 * confidence in [0, 1]. Every keypoint keeps the estimator's position even when it is unsure
 * (never NaN): consumers threshold on score.
 */

export const COCO_KEYPOINTS = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;
export type CocoKeypoint = (typeof COCO_KEYPOINTS)[number];
export const KEYPOINT_COUNT = COCO_KEYPOINTS.length;

/** Bones drawn between keypoints (indices into COCO_KEYPOINTS), as COCO's skeleton. */
export const COCO_SKELETON: readonly (readonly [number, number])[] = [
  [15, 13], [13, 11], [16, 14], [14, 12], [11, 12], [5, 11], [6, 12], [5, 6],
  [5, 7], [6, 8], [7, 9], [8, 10], [1, 2], [0, 1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6],
];

/** Left/right keypoint pairs, for horizontal flips. */
export const COCO_FLIP_PAIRS: readonly (readonly [number, number])[] = [
  [1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16],
];

/** Single-pose refiners that can run on each tracked person's crop. */
export const POSE_MODELS = ['lightning', 'thunder'] as const;
export type PoseModelName = (typeof POSE_MODELS)[number];

/** A box in video pixels: left, top, width, height. */
export interface PersonBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One tracked person on one frame. */
export interface PersonPose {
  /** Stable within a run: the same person keeps the id while tracked, and after a short loss. */
  trackId: number;
  box: PersonBox;
  /** Mean score of the person's keypoints (or the detector's score where no refinement ran). */
  score: number;
  /** KEYPOINT_COUNT × [x, y, score], flattened: x of keypoint k is `keypoints[3 * k]`. */
  keypoints: Float32Array;
  /**
   * The person was tracked until recently but is not found on this frame (left the view, lying
   * down after a fall, hidden): `box` and the keypoints' positions are the last ones seen, every
   * score is 0. The track is kept for a short while (about 1.5 s) to be re-identified if the
   * person reappears near there. Absent (or false) on a normally tracked person.
   */
  lost?: boolean;
}

/** Everyone the pose stage found on one frame (possibly nobody). */
export interface PoseFrame {
  frame: number;
  /** Presentation time in seconds, from the decoder. */
  time: number;
  people: PersonPose[];
}

/** Settings of a pose run (stored with the run; identical settings on identical content reuse it). */
export interface PoseSettings {
  model: PoseModelName;
  /** Most people tracked at once; detections beyond it (lowest scores first) are dropped. */
  maxPeople: number;
  /** Minimum detector score for a new track. */
  minPersonScore: number;
}

export const DEFAULT_POSE_SETTINGS: PoseSettings = { model: 'lightning', maxPeople: 6, minPersonScore: 0.25 };

/**
 * What the pose job needs of the pose estimator (src/main/core/pose/estimator.ts, written with the
 * models in models/pose): frames in order in, tracked people out, and its tracking state as bytes
 * so that a resumed run continues exactly where the stored one stopped.
 */
import type { PoseFrame, PoseSettings } from '../../../shared/pose.js';

export interface PoseInputFrame {
  frame: number;
  time: number;
  width: number;
  height: number;
  /** width × height × 3 bytes of RGB24. */
  rgb: Uint8Array;
}

export interface PoseEstimator {
  /** Called in frame order; keypoints come back in pixels of the frame given. */
  estimate(frame: PoseInputFrame): Promise<PoseFrame>;
  reset(): void;
  snapshot(): Uint8Array;
  restore(state: Uint8Array): void;
  close(): Promise<void>;
}

export interface PoseEstimatorOptions {
  settings: PoseSettings;
  provider?: string;
  modelsDir?: string;
}

export type CreatePoseEstimator = (options: PoseEstimatorOptions) => Promise<PoseEstimator>;

/**
 * What the pose job needs of the pose estimator (estimator.ts, written with the models in
 * models/pose), as a factory type so that tests can hand the job another one.
 */
import type { PoseSettings } from '../../../shared/pose.js';
import type { PoseEstimator } from './estimator.js';

export type { PoseEstimator, PoseInputFrame } from './estimator.js';

export interface PoseEstimatorOptions {
  settings: PoseSettings;
  provider?: string;
  modelsDir?: string;
}

export type CreatePoseEstimator = (options: PoseEstimatorOptions) => Promise<PoseEstimator>;

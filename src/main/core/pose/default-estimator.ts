/** The estimator the app uses by default: the pose stage of models/pose (see estimator.ts). */
import type { CreatePoseEstimator } from './estimator-api.js';
import { createPoseEstimator } from './estimator.js';

export const createDefaultPoseEstimator: CreatePoseEstimator = createPoseEstimator;

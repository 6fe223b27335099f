/** The estimator the app uses by default: the pose stage of models/pose (see estimator.ts). */
import { AppError } from '../../../shared/errors.js';
import type { CreatePoseEstimator } from './estimator-api.js';

export const createDefaultPoseEstimator: CreatePoseEstimator = () =>
  Promise.reject(new AppError('NOT_FOUND', 'This ActionLens has no pose estimator yet (src/main/core/pose/estimator.ts).'));

/**
 * What a run's results depend on, stored with it as its params (runs.params_json) and hashed into
 * its identity: see [Note: run identity] in src/main/core/analysis/run-identity.ts and
 * [Note: pose run identity] in src/main/core/pose/pose-identity.ts. The `runs` table holds both kinds.
 */
import type { PostprocessOptions, SamplingOptions } from './analysis.js';
import type { PoseSettings } from './pose.js';

/** An action-recognition run's params. */
export interface ActionRunParams {
  engine: number;
  model: { id: string; version: string; sha256: string };
  /** Only the options the model's family uses (a frame model's windowStride changes nothing). */
  sampling: Partial<SamplingOptions>;
  postprocess: PostprocessOptions;
  videoFingerprint: string;
  /** Skeleton models: the pose stage their keypoints come from (a new pose model is new work). */
  pose?: SkeletonPoseStage;
  /** Hash of everything above except postprocess: runs that share it share their probabilities. */
  probabilitiesKey: string;
}

/** The pose settings and pose model files a skeleton run's keypoints come from. */
export interface SkeletonPoseStage {
  settings: PoseSettings;
  /** As PoseRunParams.modelsSha256. */
  modelsSha256: string;
}

/** A pose run's params. */
export interface PoseRunParams {
  engine: number;
  kind: 'pose';
  settings: PoseSettings;
  /** SHA-256 over the pose models' ONNX files (names and bytes). */
  modelsSha256: string;
  decodeMaxSide: number;
  videoFingerprint: string;
}

export type RunParams = ActionRunParams | PoseRunParams;

export function isPoseRunParams(params: RunParams): params is PoseRunParams {
  return 'kind' in params && params.kind === 'pose';
}

/** The params of an action run; null for a pose run. */
export function actionRunParams(params: RunParams): ActionRunParams | null {
  return isPoseRunParams(params) ? null : params;
}

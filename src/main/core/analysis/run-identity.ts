import { createHash } from 'node:crypto';
import type { AnalysisRequest } from '../../../shared/analysis.js';
import type { ModelManifest } from '../../../shared/manifest.js';
import { AppError } from '../../../shared/errors.js';
import { isSkeletonModel } from '../../../shared/manifest.js';
import type { ActionRunParams, SkeletonPoseStage } from '../../../shared/run-params.js';
import type { RegisteredModel } from '../models/index.js';

/** Bumped when the engine's labelling changes, so older runs are not mistaken for the same work. */
export const ENGINE_VERSION = 2;


/**
 * [Note: run identity] A run is identified by a hash of the model (id, version and the SHA-256 of
 * its weights), the request in canonical form without provider and hwaccel (the same model gives
 * the same labels on any provider and decoder), and the video's content fingerprint. A completed
 * run with the same hash is reused rather than recomputed. Sampling options a family does not
 * use are left out (a frame model's windowStride changes nothing). A run that differs only in
 * post-processing has the same `probabilitiesKey`: it copies the probabilities instead of running
 * the model again. A skeleton model's run also holds its pose stage (settings and the pose model
 * files' hash): its labels are only as good as the keypoints, and a new pose model is new work.
 */
export function runIdentity(model: RegisteredModel, request: AnalysisRequest, videoFingerprint: string, pose?: SkeletonPoseStage): { params: ActionRunParams; paramsHash: string } {
  const { id, version, sha256 } = model.summary;
  const skeleton = isSkeletonModel(model.manifest);
  if (skeleton && !pose) throw new AppError('INTERNAL', `Model "${id}" reads keypoints: its run identity needs the pose stage.`);
  const base = {
    engine: ENGINE_VERSION,
    model: { id, version, sha256 },
    sampling: samplingThatMatters(model.manifest, request.sampling),
    videoFingerprint,
    ...(skeleton ? { pose } : {}),
  };
  const params: ActionRunParams = { ...base, postprocess: request.postprocess, probabilitiesKey: sha256Hex(canonicalJson(base)) };
  return { params: JSON.parse(canonicalJson(params)) as ActionRunParams, paramsHash: sha256Hex(canonicalJson(params)) };
}

function samplingThatMatters(manifest: ModelManifest, sampling: AnalysisRequest['sampling']): Partial<AnalysisRequest['sampling']> {
  return manifest.family === 'clip' || manifest.family === 'two-stream' ? { windowStride: sampling.windowStride } : { stride: sampling.stride };
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

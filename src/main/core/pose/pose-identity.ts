/** What makes two pose runs the same work, and the model row a pose run refers to. */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { COCO_KEYPOINTS, KEYPOINT_COUNT, type PoseSettings } from '../../../shared/pose.js';
import { poseModelId } from '../../../shared/pose-run.js';
import type { PoseRunParams } from '../../../shared/run-params.js';
import { canonicalJson } from '../analysis/run-identity.js';
import type { Store } from '../store/index.js';

/** Bumped when the pose stage's output changes for the same models and settings (tracking, decode size). */
export const POSE_ENGINE_VERSION = 1;
export { DEFAULT_POSE_MODELS_DIR } from './estimator.js';
/** Frames are decoded with their longest side at most this (keeping the aspect): the detector and refiners work far below it. */
export const POSE_DECODE_MAX_SIDE = 1280;

/**
 * [Note: pose run identity] Like an action run (see run-identity.ts): the hash of the canonical
 * params. Same settings on the same content with the same model files is the same work, reused.
 */
export function poseRunIdentity(settings: PoseSettings, modelsSha256: string, videoFingerprint: string): { params: PoseRunParams; paramsHash: string } {
  const params: PoseRunParams = { engine: POSE_ENGINE_VERSION, kind: 'pose', settings, modelsSha256, decodeMaxSide: POSE_DECODE_MAX_SIDE, videoFingerprint };
  const canonical = canonicalJson(params);
  return { params: JSON.parse(canonical) as PoseRunParams, paramsHash: createHash('sha256').update(canonical).digest('hex') };
}

/** Hashes already made, by folder, with the files' names, sizes and times they were made from. */
const hashed = new Map<string, { stamp: string; sha256: string }>();

/**
 * The SHA-256 of every .onnx file in the folder (sorted by name); NOT_FOUND naming the folder when
 * it holds none. Every skeleton job asks (its run identity holds it): the files are read again
 * only when a name, size or modification time changed.
 */
export async function hashPoseModels(dir: string): Promise<string> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.onnx')).sort();
  if (names.length === 0) throw new AppError('NOT_FOUND', `No pose model: ${dir} holds no .onnx file (see models/pose/README or MODEL_CARD.md).`, { file: dir });
  const stats = await Promise.all(names.map((name) => stat(path.join(dir, name))));
  const stamp = names.map((name, i) => `${name}:${stats[i]!.size}:${stats[i]!.mtimeMs}`).join('|');
  const known = hashed.get(dir);
  if (known?.stamp === stamp) return known.sha256;
  const hash = createHash('sha256');
  for (const name of names) hash.update(name).update('\0').update(await readFile(path.join(dir, name)));
  const sha256 = hash.digest('hex');
  hashed.set(dir, { stamp, sha256 });
  return sha256;
}

/**
 * Registers the pose model in the store's models table (a run refers to its model there). Its
 * manifest says it is a pose model, so no screen mistakes it for an action model.
 */
export function registerPoseModel(store: Store, settings: PoseSettings, dir: string, sha256: string): string {
  const id = poseModelId(settings.model);
  store.models.upsert({
    id,
    family: 'pose',
    version: String(POSE_ENGINE_VERSION),
    name: `MoveNet ${settings.model} (pose)`,
    manifest: { kind: 'pose', model: settings.model, keypoints: COCO_KEYPOINTS },
    path: dir,
    sha256,
    classCount: KEYPOINT_COUNT,
  });
  return id;
}

/** The decode size for a displayed size (longest side at most POSE_DECODE_MAX_SIDE, even, aspect kept) and the factors back to displayed pixels. */
export function poseDecodeSize(width: number, height: number): { width: number; height: number; scaleX: number; scaleY: number } {
  const scale = Math.min(1, POSE_DECODE_MAX_SIDE / Math.max(width, height));
  const even = (n: number) => Math.max(2, 2 * Math.round((n * scale) / 2));
  const w = even(width);
  const h = even(height);
  return { width: w, height: h, scaleX: width / w, scaleY: height / h };
}

/**
 * Messages between the pose worker and its owner (src/main/core/pose/estimator.ts). Every
 * request carries a sequence number that its reply repeats; replies come in request order.
 */
import type { ExecutionProvider } from '../../shared/analysis.js';
import type { SerializedError } from '../../shared/errors.js';
import type { PoseFrame, PoseSettings } from '../../shared/pose.js';
import type { RgbFrame } from './pipeline.js';
import type { TrackerState } from './tracker.js';

/** The worker's entry from source, and the file name electron-vite emits it as beside the main bundle. */
export const POSE_WORKER_ENTRY = { sourceFile: 'worker.ts', bundledFile: 'pose-worker.js' } as const;

export type PoseRequest =
  | { type: 'init'; seq: number; modelsDir: string; settings: PoseSettings; provider: ExecutionProvider }
  /** The frame's pixels are copied (structured clone) unless the owner transfers their buffer. */
  | { type: 'estimate'; seq: number; frame: RgbFrame }
  /** Replaces the tracker's state (null: forget every track). */
  | { type: 'restore'; seq: number; state: TrackerState | null }
  | { type: 'close'; seq: number };

export type PoseResponse =
  | { type: 'ready'; seq: number; provider: string; notices: string[] }
  /** The pose and the tracker's state after this frame (for snapshots). */
  | { type: 'pose'; seq: number; pose: PoseFrame; state: TrackerState; inferMs: number }
  | { type: 'done'; seq: number }
  | { type: 'error'; seq: number; error: SerializedError };

/**
 * Messages between the flow worker and its owner. Every request carries a sequence number that
 * its reply repeats; replies come in request order, one per request.
 */
import type { SerializedError } from '../../shared/errors.js';
import type { FlowParams } from './farneback.js';

/** The worker's entry from source, and the file name electron-vite must emit it as beside the main bundle. */
export const FLOW_WORKER_ENTRY = { sourceFile: 'worker.ts', bundledFile: 'flow-worker.js' } as const;

export type FlowRequest =
  /** (Re)configures the worker; replied to with 'ready' once OpenCV is loaded. */
  | { type: 'init'; seq: number; params: FlowParams }
  /**
   * Flow of each consecutive pair of `frames` (RGB24, width × height, at least 2): replied to
   * with 'flows' holding frames.length − 1 pairs, planar x then y per pair (see farneback.ts).
   */
  | { type: 'flow'; seq: number; frames: Uint8Array[]; width: number; height: number }
  /** Frees OpenCV memory; replied to with 'disposed'. The worker then waits for 'init' or its end. */
  | { type: 'dispose'; seq: number };

export type FlowResponse =
  | { type: 'ready'; seq: number }
  | { type: 'flows'; seq: number; pairs: number; flows: Float32Array; elapsedMs: number }
  | { type: 'disposed'; seq: number }
  | { type: 'error'; seq: number; error: SerializedError };

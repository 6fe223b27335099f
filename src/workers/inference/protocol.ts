/**
 * Messages between the analysis engine (main thread) and an inference worker. Every request
 * carries a sequence number that its reply repeats; errors cross as a SerializedError and are
 * rebuilt as AppError on the other side.
 */
import type { ExecutionProvider } from '../../shared/analysis.js';
import type { SerializedError } from '../../shared/errors.js';
import type { TensorInfo, ThreadCounts } from '../../shared/onnx.js';

/** A float32 tensor as it crosses the thread boundary; `data`'s buffer is transferred. */
export interface WireTensor {
  data: Float32Array;
  dims: number[];
}

export type ToWorker =
  | { type: 'load'; seq: number; modelPath: string; provider: ExecutionProvider; threads: ThreadCounts }
  | { type: 'run'; seq: number; feeds: Record<string, WireTensor>; fetch: string[] }
  | { type: 'close'; seq: number };

export type FromWorker =
  | {
      type: 'loaded';
      seq: number;
      /** The execution provider the session actually runs on. */
      provider: string;
      threads: ThreadCounts;
      /** Fallbacks a person should hear about, e.g. "cuda could not start (…); using cpu". */
      notices: string[];
      inputs: TensorInfo[];
      outputs: TensorInfo[];
    }
  | {
      type: 'result';
      seq: number;
      outputs: Record<string, WireTensor>;
      /** The feeds' buffers, handed back so the engine can reuse them (transferred, never copied). */
      returned: Float32Array[];
      inferMs: number;
    }
  | { type: 'closed'; seq: number }
  | { type: 'error'; seq: number; error: SerializedError };

/** What a worker thread is started with: which model it serves is told by the first message. */
export const INFERENCE_WORKER_ENTRY = { sourceFile: 'worker.ts', bundledFile: 'inference-worker.js' } as const;

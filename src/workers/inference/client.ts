/** The engine's handle on one inference worker thread: typed requests, replies matched by sequence number. */
import type { ExecutionProvider } from '../../shared/analysis.js';
import { AppError } from '../../shared/errors.js';
import type { TensorInfo, ThreadCounts } from '../../shared/onnx.js';
import { INFERENCE_WORKER_ENTRY, type FromWorker, type ToWorker, type WireTensor } from './protocol.js';
import { startWorker } from '../common/spawn-worker.js';
import { WorkerChannel } from '../common/worker-channel.js';

export interface LoadedModel {
  provider: string;
  threads: ThreadCounts;
  notices: string[];
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

export interface RunResult {
  outputs: Record<string, WireTensor>;
  /** The feed buffers, back from the worker for reuse. */
  returned: Float32Array[];
  inferMs: number;
}

/** Every live inference worker, so tests (and shutdown) can check that none outlives its job. */
const liveWorkers = new Set<InferenceWorker>();
export const runningInferenceWorkers = (): number => liveWorkers.size;

export class InferenceWorker {
  readonly #channel: WorkerChannel<ToWorker, FromWorker>;

  private constructor() {
    this.#channel = new WorkerChannel(startWorker(INFERENCE_WORKER_ENTRY, import.meta.url), 'the inference worker');
    liveWorkers.add(this);
    void this.#channel.exited.then(() => liveWorkers.delete(this));
  }

  /** Starts a worker and loads the model in it; a model that cannot load stops the worker again. */
  static async start(modelPath: string, provider: ExecutionProvider, threads: ThreadCounts): Promise<{ worker: InferenceWorker; model: LoadedModel }> {
    const worker = new InferenceWorker();
    try {
      const reply = await worker.#channel.request({ type: 'load', modelPath, provider, threads });
      if (reply.type !== 'loaded') throw unexpectedReply(reply);
      const { provider: used, threads: applied, notices, inputs, outputs } = reply;
      return { worker, model: { provider: used, threads: applied, notices, inputs, outputs } };
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  /** Runs the model; the feeds' buffers are transferred to the worker and come back in `returned`. */
  async run(feeds: Record<string, WireTensor>, fetch: string[]): Promise<RunResult> {
    // A buffer already transferred is detached (0 bytes); posting it would be lost without a reply.
    const detached = Object.entries(feeds).find(([, t]) => t.data.buffer.byteLength === 0 && t.dims.every((d) => d > 0));
    if (detached) throw new AppError('INTERNAL', `Feed "${detached[0]}" was already sent to the inference worker (its buffer is detached).`);
    const transfer = Object.values(feeds).map((t) => t.data.buffer as ArrayBuffer);
    const reply = await this.#channel.request({ type: 'run', feeds, fetch }, transfer);
    if (reply.type !== 'result') throw unexpectedReply(reply);
    return { outputs: reply.outputs, returned: reply.returned, inferMs: reply.inferMs };
  }

  /** Releases the session and ends the thread; safe to call more than once. */
  async close(): Promise<void> {
    if (!this.#channel.failed) await this.#channel.request({ type: 'close' }).catch(() => undefined);
    await this.terminate();
  }

  async terminate(): Promise<void> {
    await this.#channel.terminate();
  }
}

function unexpectedReply(reply: FromWorker): AppError {
  return new AppError('INTERNAL', `The inference worker answered with an unexpected "${reply.type}" message.`);
}

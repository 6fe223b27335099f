/** The engine's handle on one inference worker thread: typed requests, replies matched by sequence number. */
import type { Worker } from 'node:worker_threads';
import type { ExecutionProvider } from '../../shared/analysis.js';
import { AppError, deserializeError } from '../../shared/errors.js';
import type { TensorInfo, ThreadCounts } from '../../shared/onnx.js';
import { INFERENCE_WORKER_ENTRY, type FromWorker, type ToWorker, type WireTensor } from './protocol.js';
import { startWorker } from '../common/spawn-worker.js';

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

type Pending = { resolve: (message: FromWorker) => void; reject: (error: AppError) => void };
type Request = ToWorker extends infer M ? (M extends ToWorker ? Omit<M, 'seq'> : never) : never;

/** Every live inference worker, so tests (and shutdown) can check that none outlives its job. */
const liveWorkers = new Set<InferenceWorker>();
export const runningInferenceWorkers = (): number => liveWorkers.size;

export class InferenceWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #seq = 0;
  #failure: AppError | null = null;
  readonly #exited: Promise<void>;

  private constructor() {
    this.#worker = startWorker(INFERENCE_WORKER_ENTRY, import.meta.url);
    liveWorkers.add(this);
    this.#worker.on('message', (message: FromWorker) => this.#settle(message));
    this.#worker.on('error', (error) => this.#fail(new AppError('INTERNAL', `The inference worker crashed: ${error.message}`, { cause: error })));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        liveWorkers.delete(this);
        this.#fail(new AppError('INTERNAL', `The inference worker exited (code ${code}).`));
        resolve();
      }),
    );
  }

  /** Starts a worker and loads the model in it; a model that cannot load stops the worker again. */
  static async start(modelPath: string, provider: ExecutionProvider, threads: ThreadCounts): Promise<{ worker: InferenceWorker; model: LoadedModel }> {
    const worker = new InferenceWorker();
    try {
      const reply = await worker.#request({ type: 'load', modelPath, provider, threads });
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
    const reply = await this.#request({ type: 'run', feeds, fetch }, transfer);
    if (reply.type !== 'result') throw unexpectedReply(reply);
    return { outputs: reply.outputs, returned: reply.returned, inferMs: reply.inferMs };
  }

  /** Releases the session and ends the thread; safe to call more than once. */
  async close(): Promise<void> {
    if (!this.#failure) await this.#request({ type: 'close' }).catch(() => undefined);
    await this.terminate();
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
    await this.#exited;
  }

  #request(request: Request, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    if (this.#failure) return Promise.reject(this.#failure);
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#worker.postMessage({ ...request, seq } as ToWorker, transfer);
    });
  }

  #settle(message: FromWorker): void {
    const pending = this.#pending.get(message.seq);
    if (!pending) return;
    this.#pending.delete(message.seq);
    if (message.type === 'error') pending.reject(deserializeError(message.error));
    else pending.resolve(message);
  }

  #fail(error: AppError): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}

function unexpectedReply(reply: FromWorker): AppError {
  return new AppError('INTERNAL', `The inference worker answered with an unexpected "${reply.type}" message.`);
}

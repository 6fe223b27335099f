/** The owner's side of the pose worker: starts it, matches replies to requests, rebuilds errors. */
import type { Worker } from 'node:worker_threads';
import { AppError, deserializeError } from '../../shared/errors.js';
import { startWorker } from '../common/spawn-worker.js';
import { POSE_WORKER_ENTRY, type PoseRequest, type PoseResponse } from './protocol.js';

type Pending = { resolve: (reply: PoseResponse) => void; reject: (error: AppError) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Every live pose worker, so tests can check that none outlives its estimator. */
const liveWorkers = new Set<PoseWorker>();
export const runningPoseWorkers = (): number => liveWorkers.size;

export class PoseWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #exited: Promise<void>;
  #nextSeq = 1;
  #failure: AppError | null = null;

  constructor() {
    // From source (tsx, Vitest) the worker is TypeScript and gets tsx's loader; bundled, it is POSE_WORKER_ENTRY.bundledFile.
    this.#worker = startWorker(POSE_WORKER_ENTRY, import.meta.url);
    liveWorkers.add(this);
    this.#worker.on('message', (reply: PoseResponse) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#fail(new AppError('INTERNAL', `The pose worker crashed: ${error.message}`, { cause: error })));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        liveWorkers.delete(this);
        this.#fail(new AppError('INTERNAL', `The pose worker exited (code ${code}).`));
        resolve();
      }),
    );
  }

  request(message: DistributiveOmit<PoseRequest, 'seq'>, transfer: ArrayBuffer[] = []): Promise<PoseResponse> {
    if (this.#failure) return Promise.reject(this.#failure);
    const seq = this.#nextSeq++;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#worker.postMessage({ ...message, seq } as PoseRequest, transfer);
    });
  }

  /** Releases the sessions (when the worker still answers) and ends the thread; safe to call twice. */
  async close(): Promise<void> {
    if (!this.#failure) await this.request({ type: 'close' }).catch(() => undefined);
    this.#fail(new AppError('CANCELLED', 'The pose worker was closed.'));
    await this.#worker.terminate();
    await this.#exited;
  }

  #settle(reply: PoseResponse): void {
    const pending = this.#pending.get(reply.seq);
    if (!pending) return;
    this.#pending.delete(reply.seq);
    if (reply.type === 'error') pending.reject(deserializeError(reply.error));
    else pending.resolve(reply);
  }

  #fail(error: AppError): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}

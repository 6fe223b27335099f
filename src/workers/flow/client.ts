/**
 * The owner's side of the flow worker: starts it, matches replies to requests by sequence
 * number, and turns errors back into AppErrors. Usage:
 *
 *   const flow = await FlowWorker.start(manifest.flow);
 *   const stacked = await flow.flows(framesOfWindow, 112, 112); // L + 1 frames → 2L planes
 *   await flow.close();
 */
import type { Worker } from 'node:worker_threads';
import { AppError, deserializeError } from '../../shared/errors.js';
import type { ModelManifest } from '../../shared/manifest.js';
import { startWorker } from '../common/spawn-worker.js';
import { FLOW_WORKER_ENTRY, type FlowRequest, type FlowResponse } from './protocol.js';

type Pending = { resolve: (reply: FlowResponse) => void; reject: (error: AppError) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class FlowWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextSeq = 1;
  #failure: AppError | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: FlowResponse) => this.#settle(reply));
    worker.on('error', (error) => this.#fail(new AppError('INTERNAL', `The flow worker crashed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.#fail(new AppError('INTERNAL', `The flow worker exited (code ${code}).`)));
  }

  /** Starts a worker and loads OpenCV in it with these parameters. */
  static async start(params: ModelManifest['flow']): Promise<FlowWorker> {
    // From source (tsx, Vitest) the worker is TypeScript and gets tsx's loader; bundled, it is FLOW_WORKER_ENTRY.bundledFile.
    const client = new FlowWorker(startWorker(FLOW_WORKER_ENTRY, import.meta.url));
    try {
      if (!params) throw new AppError('INVALID_ARGUMENT', 'The model has no flow parameters (a two-stream manifest needs "flow").', { field: 'flow' });
      await client.#request({ type: 'init', params });
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /**
   * Flow of each consecutive pair of `frames` (RGB24 at the flow size; copied, not transferred):
   * frames.length − 1 pairs, each [x plane, y plane] of width × height, in [−1, 1].
   */
  async flows(frames: readonly Uint8Array[], width: number, height: number): Promise<Float32Array> {
    const reply = await this.#request({ type: 'flow', frames: [...frames], width, height });
    if (reply.type !== 'flows') throw new AppError('INTERNAL', `The flow worker answered "${reply.type}" to a flow request.`);
    return reply.flows;
  }

  /** Frees the worker's OpenCV memory and ends it; pending requests fail with CANCELLED. */
  async close(): Promise<void> {
    this.#fail(new AppError('CANCELLED', 'The flow worker was closed.'));
    await this.#worker.terminate();
  }

  #request(message: DistributiveOmit<FlowRequest, 'seq'>): Promise<FlowResponse> {
    if (this.#failure) return Promise.reject(this.#failure);
    const seq = this.#nextSeq++;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#worker.postMessage({ ...message, seq } as FlowRequest);
    });
  }

  #settle(reply: FlowResponse): void {
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

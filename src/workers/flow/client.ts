/**
 * The owner's side of the flow worker: starts it, matches replies to requests by sequence
 * number, and turns errors back into AppErrors. Usage:
 *
 *   const flow = await FlowWorker.start(manifest.flow);
 *   const stacked = await flow.flows(framesOfWindow, 112, 112); // L + 1 frames → 2L planes
 *   await flow.close();
 */
import { AppError } from '../../shared/errors.js';
import type { ModelManifest } from '../../shared/manifest.js';
import { startWorker } from '../common/spawn-worker.js';
import { WorkerChannel } from '../common/worker-channel.js';
import { FLOW_WORKER_ENTRY, type FlowRequest, type FlowResponse } from './protocol.js';

export class FlowWorker {
  readonly #channel: WorkerChannel<FlowRequest, FlowResponse>;

  private constructor(channel: WorkerChannel<FlowRequest, FlowResponse>) {
    this.#channel = channel;
  }

  /** Starts a worker and loads OpenCV in it with these parameters. */
  static async start(params: ModelManifest['flow']): Promise<FlowWorker> {
    // From source (tsx, Vitest) the worker is TypeScript and gets tsx's loader; bundled, it is FLOW_WORKER_ENTRY.bundledFile.
    const client = new FlowWorker(new WorkerChannel(startWorker(FLOW_WORKER_ENTRY, import.meta.url), 'the flow worker'));
    try {
      if (!params) throw new AppError('INVALID_ARGUMENT', 'The model has no flow parameters (a two-stream manifest needs "flow").', { field: 'flow' });
      await client.#channel.request({ type: 'init', params });
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
    const reply = await this.#channel.request({ type: 'flow', frames: [...frames], width, height });
    if (reply.type !== 'flows') throw new AppError('INTERNAL', `The flow worker answered "${reply.type}" to a flow request.`);
    return reply.flows;
  }

  /** Frees the worker's OpenCV memory and ends it; pending requests fail with CANCELLED. */
  async close(): Promise<void> {
    this.#channel.fail(new AppError('CANCELLED', 'The flow worker was closed.'));
    await this.#channel.terminate();
  }
}

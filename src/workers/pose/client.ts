/** The owner's side of the pose worker: starts it, matches replies to requests, rebuilds errors. */
import { AppError } from '../../shared/errors.js';
import { startWorker } from '../common/spawn-worker.js';
import { WorkerChannel, type WithoutSeq } from '../common/worker-channel.js';
import { POSE_WORKER_ENTRY, type PoseRequest, type PoseResponse } from './protocol.js';

/** Every live pose worker, so tests can check that none outlives its estimator. */
const liveWorkers = new Set<PoseWorker>();
export const runningPoseWorkers = (): number => liveWorkers.size;

export class PoseWorker {
  readonly #channel: WorkerChannel<PoseRequest, PoseResponse>;

  constructor() {
    // From source (tsx, Vitest) the worker is TypeScript and gets tsx's loader; bundled, it is POSE_WORKER_ENTRY.bundledFile.
    this.#channel = new WorkerChannel(startWorker(POSE_WORKER_ENTRY, import.meta.url), 'the pose worker');
    liveWorkers.add(this);
    void this.#channel.exited.then(() => liveWorkers.delete(this));
  }

  request(message: WithoutSeq<PoseRequest>, transfer: ArrayBuffer[] = []): Promise<PoseResponse> {
    return this.#channel.request(message, transfer);
  }

  /** Releases the sessions (when the worker still answers) and ends the thread; safe to call twice. */
  async close(): Promise<void> {
    if (!this.#channel.failed) await this.request({ type: 'close' }).catch(() => undefined);
    this.#channel.fail(new AppError('CANCELLED', 'The pose worker was closed.'));
    await this.#channel.terminate();
  }
}

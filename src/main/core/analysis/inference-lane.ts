import type { WireTensor } from '../../../workers/inference/protocol.js';
import type { InferenceWorker, RunResult } from '../../../workers/inference/client.js';
import type { StageTimer } from './stage-timer.js';

/**
 * Requests to one inference worker with at most `maxInFlight` outstanding: while the worker runs
 * one batch the engine decodes and packs the next, and when the worker falls behind, `submit`
 * waits, which stops reading frames, which makes ffmpeg wait on its pipe. Results are handled
 * strictly in submission order.
 */
export class InferenceLane {
  readonly #worker: InferenceWorker;
  readonly #maxInFlight: number;
  readonly #timer: StageTimer;
  readonly #inFlight: Promise<void>[] = [];

  constructor(worker: InferenceWorker, maxInFlight: number, timer: StageTimer) {
    this.#worker = worker;
    this.#maxInFlight = maxInFlight;
    this.#timer = timer;
  }

  /**
   * Sends a request once there is room. `buildFeeds` runs only then, so with maxInFlight 1 it
   * sees what the previous result's handler left behind (a recurrent model's state).
   */
  async submit(buildFeeds: () => Record<string, WireTensor>, fetch: string[], onResult: (result: RunResult) => void): Promise<void> {
    while (this.#inFlight.length >= this.#maxInFlight) await this.#timer.time('inferenceWait', () => this.#inFlight.shift()!);
    const previous = this.#inFlight.at(-1);
    const running = this.#worker.run(buildFeeds(), fetch);
    const handled = (async () => {
      const result = await running;
      await previous;
      this.#timer.add('inference', result.inferMs);
      onResult(result);
    })();
    // Awaited later by submit or drain; this only keeps a failure from counting as unhandled meanwhile.
    handled.catch(() => undefined);
    this.#inFlight.push(handled);
  }

  /** Waits for every outstanding request; throws the first failure. */
  async drain(): Promise<void> {
    while (this.#inFlight.length > 0) await this.#timer.time('inferenceWait', () => this.#inFlight.shift()!);
  }

  /** Waits for outstanding requests without throwing: after a failure, before the worker goes. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#inFlight.splice(0));
  }
}

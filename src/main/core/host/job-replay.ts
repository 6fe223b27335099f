import type { CallOutcome } from '../../../shared/contract.js';
import type { JobSummary } from '../../../shared/engine.js';

const FINAL_STATES: readonly string[] = ['completed', 'failed', 'cancelled'];

/**
 * The analysis jobs a host process was running or had queued, remembered by the shell so that a
 * restarted host starts them again. The new process resumes each run from its last committed
 * chunk: the same `analysis.start` arguments give the same run identity (see run-identity.ts), and
 * the dead process's runs were requeued when the new one opened the database (run-owner.ts).
 */
export class JobReplay {
  readonly #unfinished = new Map<number, { payload: Record<string, unknown>; videoId: number; modelId: string }>();
  /** Paused jobs are not started again by a new host: their runs stay queued (resumable) until started again. */
  readonly #paused = new Set<number>();

  /** After an `analysis.start` call answered. */
  started(payload: unknown, outcome: CallOutcome<unknown>): void {
    if (!outcome.ok || typeof payload !== 'object' || payload === null) return;
    for (const job of outcome.value as JobSummary[]) {
      if (!FINAL_STATES.includes(job.state)) this.#unfinished.set(job.id, { payload: payload as Record<string, unknown>, videoId: job.videoId, modelId: job.modelId });
    }
  }

  /** On every `analysis.job` event. */
  changed(job: JobSummary): void {
    if (FINAL_STATES.includes(job.state)) this.#unfinished.delete(job.id);
    if (job.state === 'paused') this.#paused.add(job.id);
    else this.#paused.delete(job.id);
  }

  /** The `analysis.start` payloads that start the unfinished jobs again (one per job), and forgets them. */
  take(): Record<string, unknown>[] {
    const payloads = [...this.#unfinished].filter(([id]) => !this.#paused.has(id)).map(([, { payload, videoId, modelId }]) => ({ ...payload, videoIds: [videoId], modelIds: [modelId] }));
    this.#unfinished.clear();
    this.#paused.clear();
    return payloads;
  }
}

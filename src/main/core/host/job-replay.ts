import type { CallOutcome } from '../../../shared/contract.js';
import type { JobSummary } from '../../../shared/engine.js';

const FINAL_STATES: readonly string[] = ['completed', 'failed', 'cancelled'];

/** The calls that start jobs, and how to restate one for a single job of it. */
const JOB_STARTS = {
  'analysis.start': (payload: Record<string, unknown>, job: JobSummary) => ({ ...payload, videoIds: [job.videoId], modelIds: [job.modelId] }),
  'pose.start': (payload: Record<string, unknown>, job: JobSummary) => ({ ...payload, videoIds: [job.videoId] }),
} as const;
export type JobStartCall = keyof typeof JOB_STARTS;
export const isJobStartCall = (name: string): name is JobStartCall => Object.hasOwn(JOB_STARTS, name);

/**
 * The analysis and pose jobs a host process was running or had queued, remembered by the shell so that a
 * restarted host starts them again. The new process resumes each run from its last committed
 * chunk: the same start arguments give the same run identity (see run-identity.ts), and
 * the dead process's runs were requeued when the new one opened the database (run-owner.ts).
 */
export class JobReplay {
  readonly #unfinished = new Map<number, { call: JobStartCall; payload: Record<string, unknown>; job: JobSummary }>();

  /** After an `analysis.start` or `pose.start` call answered. */
  started(call: JobStartCall, payload: unknown, outcome: CallOutcome<unknown>): void {
    if (!outcome.ok || typeof payload !== 'object' || payload === null) return;
    for (const job of outcome.value as JobSummary[]) {
      if (!FINAL_STATES.includes(job.state)) this.#unfinished.set(job.id, { call, payload: payload as Record<string, unknown>, job });
    }
  }

  /** On every `analysis.job` event (pose jobs report there too). */
  changed(job: JobSummary): void {
    if (FINAL_STATES.includes(job.state)) this.#unfinished.delete(job.id);
  }

  /** The calls that start the unfinished jobs again (one per job), and forgets them. */
  take(): { call: JobStartCall; payload: Record<string, unknown> }[] {
    const calls = [...this.#unfinished.values()].map(({ call, payload, job }) => ({ call, payload: JOB_STARTS[call](payload, job) }));
    this.#unfinished.clear();
    return calls;
  }
}

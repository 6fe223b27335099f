import { isAppError } from '../../../shared/errors.js';
import type { Store } from '../store/index.js';

/**
 * The abort reason of a paused job. [Note: a pause is a cancel the runner records differently:
 * the pipeline stops the same way (the writer commits the rows it holds as a last chunk, with its
 * restart point), and the run goes back to `queued` instead of `cancelled`, so it resumes exactly
 * as a run a crash interrupted.]
 */
export const PAUSE_REASON = 'actionlens:pause';

export function isPaused(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason === PAUSE_REASON;
}

/**
 * Records how a run stopped on an error: paused (requeued), cancelled, or failed with the reason.
 * A database that cannot take even that leaves it running, to be requeued on the next start.
 */
export function recordRunStop(store: Store, runId: number, error: unknown, signal: AbortSignal, timings: Record<string, number>): void {
  try {
    if (isPaused(signal)) store.runs.markPaused(runId, timings);
    else if (isAppError(error, 'CANCELLED') || signal.aborted) store.runs.markCancelled(runId, timings);
    else store.runs.markFailed(runId, error, timings);
  } catch {
    // The original error is the one worth reporting.
  }
}

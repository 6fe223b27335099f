import type { FrameGap, RunRecord, Store } from '../store/index.js';
import { storeChunk } from '../analysis/prediction-writer.js';
import { deriveRunSegments, frameRate, runPostprocess, storeRunSegments } from '../analysis/run-results.js';
import { fromBase64, stateFromBase64, type ResultMessage } from './protocol.js';

type ChunkMessage = Extract<ResultMessage, { kind: 'chunk' }>;

/** What storing a worker's chunk did: appended rows (maybe only its tail), or nothing (all stored already, or the run is gone). */
export type ChunkOutcome = { stored: true; framesDone: number } | { stored: false; reason: 'duplicate' | 'no-run' | 'ahead' | 'not-running' };

/**
 * [Note: scale-out idempotency] Chunks are keyed by (run, start frame): the store holds one
 * contiguous run of rows per run, so a chunk whose rows are all stored already (a retried job's,
 * or one sent twice) is dropped, and one that overlaps the stored end keeps only its new tail.
 * Exact resume makes the overlapping rows bit-identical, so which copy is kept does not matter.
 * A chunk starting beyond the stored end cannot come from a worker that resumed from what the
 * coordinator stored; it is refused (the job's retry recomputes it).
 */
export function storeRemoteChunk(store: Store, message: ChunkMessage, classCount: number, owner: string): ChunkOutcome {
  let run = store.runs.get(message.runId);
  if (!run || run.status === 'completed') return { stored: false, reason: run ? 'duplicate' : 'no-run' };
  // The run is `running` from its first chunk on (until then it waits for a worker), with what computes it;
  // a cancelled or failed run takes nothing more until it is analysed again (then it resumes from what it has).
  if (run.status === 'queued') run = store.runs.markRunning(run.id, { providerUsed: message.provider, threads: message.threads, owner });
  if (run.status !== 'running') return { stored: false, reason: 'not-running' };
  const next = store.predictions.lastCommittedFrame(run.id) + 1;
  if (message.end <= next) return { stored: false, reason: 'duplicate' };
  if (message.start > next) return { stored: false, reason: 'ahead' };
  const skip = next - message.start;
  const probs = fromBase64(message.probs, Float32Array).subarray(skip * classCount);
  const times = message.times ? fromBase64(message.times, Float64Array).subarray(skip) : null;
  const gaps: FrameGap[] = message.gaps
    .map((gap) => ({ startFrame: Math.max(gap.startFrame, next), frameCount: gap.startFrame + gap.frameCount - Math.max(gap.startFrame, next) }))
    .filter((gap) => gap.frameCount > 0);
  const resume = message.resume ? { frame: message.resume.frame, state: stateFromBase64(message.resume.state) } : null;
  storeChunk(store, run.id, classCount, { start: next, end: message.end, probs, times, resume, gaps });
  return { stored: true, framesDone: message.end };
}

/** A worker finished the job: segments from every stored row, and the run completed, once all `frameCount` rows are stored. */
export function completeRemoteRun(store: Store, runId: number, frameCount: number, labels: readonly string[]): RunRecord | null {
  const run = store.runs.get(runId);
  if (!run || run.status === 'completed') return run ?? null;
  const stored = store.predictions.lastCommittedFrame(runId) + 1;
  if (stored < frameCount) return null;
  const video = store.videos.get(run.videoId);
  if (!video) return null;
  storeRunSegments(store, runId, deriveRunSegments(store, runId, labels, frameRate(video), frameCount, runPostprocess(run)));
  return store.runs.markCompleted(runId, { framesDone: frameCount });
}

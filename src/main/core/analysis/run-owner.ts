/**
 * Which process computes a running run. The desktop app, `actionlens serve` and CLI commands may
 * share one database; at startup each requeues only the runs whose owner is gone, never a run
 * another live process is computing (that would fail its next commit and compute it twice).
 */
import os from 'node:os';
import type { RunRecord } from '../store/index.js';

/** How often a process confirms the runs it computes. */
export const HEARTBEAT_MS = 10_000;
/** A run not confirmed for this long is orphaned even if a process with its pid exists (pid reuse, another machine). */
export const STALE_AFTER_MS = 6 * HEARTBEAT_MS;

export function currentOwner(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** Whether a process with this pid exists on this machine (signal 0 checks without sending). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

/**
 * A running run is orphaned when it has no owner (written before owners were recorded), when its
 * owner is this machine's process that no longer exists, or when its heartbeat is stale.
 */
export function isOrphaned(run: Pick<RunRecord, 'owner' | 'heartbeatAt'>, now = Date.now(), exists = pidExists, self = currentOwner()): boolean {
  if (!run.owner || !run.heartbeatAt) return true;
  if (run.owner === self) return true; // this process is just starting: nothing of its own is running yet
  const heartbeat = Date.parse(run.heartbeatAt);
  if (!Number.isFinite(heartbeat) || now - heartbeat > STALE_AFTER_MS) return true;
  const separator = run.owner.lastIndexOf(':');
  const host = run.owner.slice(0, separator);
  const pid = Number(run.owner.slice(separator + 1));
  return host === os.hostname() && Number.isInteger(pid) && !exists(pid);
}

/** A running run another live process computes: this process must neither requeue, recompute nor delete it. */
export function isComputedElsewhere(run: Pick<RunRecord, 'status' | 'owner' | 'heartbeatAt'>): boolean {
  return run.status === 'running' && run.owner !== currentOwner() && !isOrphaned(run);
}

/** A person-readable description of a live owner, for "already being computed" messages. */
export function describeOwner(owner: string): string {
  const separator = owner.lastIndexOf(':');
  return `process ${owner.slice(separator + 1)} on ${owner.slice(0, separator)}`;
}

/**
 * Real `actionlens` processes killed with SIGKILL at a chosen point, for the exact-resume tests
 * and the soak script (test/soak): no mocks, the kill is what a crash or a power cut leaves.
 */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { REPO_ROOT } from './clips.js';

export const BIN = path.join(REPO_ROOT, 'bin/actionlens.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env, maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export interface KillOutcome {
  /** False when the process ended on its own before the kill point was reached. */
  killed: boolean;
  /** Chunks and frames committed when the kill was sent. */
  chunks: number;
  frames: number;
  /** Every descendant of the CLI just before the kill (pid and name): ffmpeg under its watchdog wrapper. */
  children: ProcessInfo[];
}

/** When to send SIGKILL: once `chunks` chunks (or `frames` frames) of a running run are committed, or `ms` after the start, whichever comes first. */
export interface KillPoint {
  chunks?: number;
  frames?: number;
  ms?: number;
}

/**
 * Starts `actionlens --db <db> <args>` and sends SIGKILL at the kill point (the database is read
 * by another connection meanwhile, as the WAL allows).
 */
export async function analyzeAndKill(db: string, args: readonly string[], env: NodeJS.ProcessEnv, point: KillPoint, timeoutMs = 120_000): Promise<KillOutcome> {
  const child = spawn(process.execPath, [BIN, '--db', db, ...args], { env, stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const start = Date.now();
  const deadline = start + Math.min(point.ms ?? timeoutMs, timeoutMs);
  let seen = { chunks: 0, frames: 0 };
  const watchDb = point.chunks !== undefined || point.frames !== undefined;
  while (!exited && seen.chunks < (point.chunks ?? Infinity) && seen.frames < (point.frames ?? Infinity) && Date.now() < deadline) {
    await delay(Math.max(1, Math.min(15, deadline - Date.now())));
    if (watchDb) seen = committedSoFar(db) ?? seen;
  }
  const children = descendantsOf(child.pid!);
  if (!exited) child.kill('SIGKILL');
  await exit;
  const after = committedSoFar(db) ?? seen;
  return { killed: child.signalCode === 'SIGKILL', chunks: after.chunks, frames: after.frames, children };
}

function committedSoFar(db: string): { chunks: number; frames: number } | null {
  try {
    const reader = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
    try {
      return reader
        .prepare("SELECT count(c.run_id) AS chunks, coalesce(max(c.start_frame + c.frame_count), 0) AS frames FROM runs r JOIN prediction_chunks c ON c.run_id = r.id WHERE r.status = 'running'")
        .get() as { chunks: number; frames: number };
    } finally {
      reader.close();
    }
  } catch {
    return null; // not created (or not migrated) yet
  }
}

export interface ProcessInfo {
  pid: number;
  name: string;
}

/** Children, grandchildren… of `pid` (Linux /proc). */
export function descendantsOf(pid: number): ProcessInfo[] {
  const all = allProcesses();
  const found: ProcessInfo[] = [];
  const parents = [pid];
  while (parents.length > 0) {
    const parent = parents.pop()!;
    for (const p of all.filter((q) => q.ppid === parent)) {
      found.push({ pid: p.pid, name: p.name });
      parents.push(p.pid);
    }
  }
  return found;
}

/** Which of `processes` still exist (same pid and name: a reused pid is not a survivor). */
export function survivors(processes: readonly ProcessInfo[]): ProcessInfo[] {
  const alive = allProcesses();
  return processes.filter((p) => alive.some((a) => a.pid === p.pid && a.name === p.name && a.state !== 'Z'));
}

/** Waits up to `ms` for `processes` to be gone; returns the ones still there. */
export async function waitGone(processes: readonly ProcessInfo[], ms = 5000): Promise<ProcessInfo[]> {
  let left = survivors(processes);
  for (let waited = 0; left.length > 0 && waited < ms; waited += 50) {
    await delay(50);
    left = survivors(processes);
  }
  return left;
}

function allProcesses(): (ProcessInfo & { ppid: number; state: string })[] {
  const found: (ProcessInfo & { ppid: number; state: string })[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const [state, ppid] = stat.slice(close + 2).split(' ');
      found.push({ pid: Number(entry), name: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(ppid), state: state! });
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** The JSON export with per-frame top-k of run `runId`: what must be byte-identical after a resume. */
export async function exportJson(db: string, runId: number, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCli(['--db', db, 'export', String(runId), '--format', 'json', '--frames'], env);
  if (result.code !== 0) throw new Error(`export of run ${runId} from ${db} failed: ${result.stderr}`);
  return result.stdout;
}

export function integrityCheck(db: string): string {
  const reader = new BetterSqlite3(db, { readonly: true });
  try {
    return reader.pragma('integrity_check', { simple: true }) as string;
  } finally {
    reader.close();
  }
}

import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors.js';
import { log } from '../log/logger.js';

export interface RunningJob {
  pid: number;
  label: string;
  startedAt: number;
}

export type MediaChild = ChildProcessByStdio<null, Readable, Readable>;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Every ffmpeg/ffprobe child the media core starts, so that nothing outlives its job:
 * tests assert it is empty, and the app kills whatever is left when Node exits.
 */
class MediaJobRegistry {
  readonly #jobs = new Map<ChildProcess, RunningJob>();
  #exitHookInstalled = false;

  register<T extends ChildProcess>(child: T, label: string): T {
    this.#jobs.set(child, { pid: child.pid ?? -1, label, startedAt: Date.now() });
    const forget = (): void => void this.#jobs.delete(child);
    child.once('exit', forget);
    child.once('error', forget);
    if (!this.#exitHookInstalled) {
      this.#exitHookInstalled = true;
      // 'exit' handlers must be synchronous: SIGKILL is the only thing we can still do.
      process.once('exit', () => this.killAll());
    }
    return child;
  }

  running(): RunningJob[] {
    return [...this.#jobs.values()].map((job) => ({ ...job }));
  }

  killAll(): void {
    for (const child of this.#jobs.keys()) signalMediaProcess(child, 'SIGKILL');
  }
}

export const mediaJobs = new MediaJobRegistry();

/**
 * [Note: parent-death watchdog] A media child must die with the process that started it, also
 * when that process is killed with SIGKILL (no exit handler runs then) or crashes. Linux's
 * PR_SET_PDEATHSIG is out of reach from Node, and ffmpeg does not stop when its stdin closes.
 * So on POSIX the binary runs under a small sh wrapper in its own process group: the wrapper
 * keeps the read end of a pipe whose only writer is this process, and a watcher blocked on it
 * gets end-of-file the moment this process is gone, however it went, and SIGKILLs the binary.
 * stdout/stderr are the binary's own (inherited), its stdin is /dev/null. A normal stop signals
 * the whole group (wrapper, watcher, binary); the wrapper exits with the binary's status or signal.
 */
const WATCHDOG = [
  'exec 3<&0 </dev/null',
  '"$0" "$@" 3<&- &',
  'child=$!',
  '{ read -r _ <&3; kill -KILL "$child"; } >/dev/null 2>&1 &',
  'watcher=$!',
  'wait "$child"',
  'status=$?',
  'kill "$watcher" 2>/dev/null',
  // Killed by a signal: end by the same signal, so that callers see the crash (a SIGSEGV) as such.
  'if [ "$status" -gt 128 ]; then trap - "$(kill -l "$status")"; kill -s "$(kill -l "$status")" $$; fi',
  'exit "$status"',
].join('\n');

const watched = process.platform !== 'win32';

/** Spawns a media binary with piped stdout/stderr, under the parent-death watchdog, and registers it. */
export function spawnMediaProcess(binary: string, args: readonly string[], label: string): MediaChild {
  log().info({ binary, argv: args, job: label }, 'media command');
  if (!watched) return mediaJobs.register(spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true }), label);
  const child = spawn('/bin/sh', ['-c', WATCHDOG, binary, ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  // The pipe is only there to close when this process dies: never written, never waited for.
  child.stdin.on('error', () => undefined);
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return mediaJobs.register(child as unknown as MediaChild, label);
}

/** Sends `signal` to the child and, under the watchdog, to its whole process group (the binary itself). */
export function signalMediaProcess(child: ChildProcess, signal: NodeJS.Signals): void {
  if (watched && child.pid !== undefined) {
    try {
      process.kill(-child.pid, signal);
      return;
    } catch {
      // the group is gone already; fall through for the wrapper itself
    }
  }
  child.kill(signal);
}

/**
 * Resolves once the child has exited and its stdio has closed (so all of stderr has been read).
 * A spawn failure (binary missing or not executable) rejects with BINARY_NOT_FOUND.
 */
export function waitForClose(child: ChildProcess, binary: string): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    child.once('error', (error) =>
      reject(
        new AppError('BINARY_NOT_FOUND', `Could not start "${binary}": ${error.message}.`, { cause: error }),
      ),
    );
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Stops a child and waits until it is gone. Closing our end of stdout first unblocks an
 * ffmpeg stuck writing to a full pipe; SIGTERM lets it exit cleanly, SIGKILL follows after the grace.
 */
export async function terminate(child: ChildProcess, graceMs = 300): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout?.destroy();
  signalMediaProcess(child, 'SIGTERM');
  const timer = setTimeout(() => signalMediaProcess(child, 'SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

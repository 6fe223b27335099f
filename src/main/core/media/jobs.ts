import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors.js';

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
    for (const child of this.#jobs.keys()) child.kill('SIGKILL');
  }
}

export const mediaJobs = new MediaJobRegistry();

/** Spawns a media binary with piped stdout/stderr and registers it. */
export function spawnMediaProcess(binary: string, args: readonly string[], label: string): MediaChild {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  return mediaJobs.register(child, label);
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
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { HostMessage } from '../../../shared/core-host.js';
import type { HostChild, SpawnHost } from './hosted-core.js';

/**
 * The core's host as a Node child process with an IPC channel (`actionlens serve`, tests).
 * [Note: process, not worker_thread] A child process, not a worker thread: a crash of a native
 * module (onnxruntime, better-sqlite3) or an out-of-memory kill takes only the host down, the
 * shell survives and restarts it, and `kill -9` of the core is a real test of resume. The
 * price, copying each reply through the channel, is small: replies are segment lists and pages.
 * From source (tsx) the entry is the TypeScript file, started with tsx's loader.
 */
export function forkNodeHost(): SpawnHost {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './node-entry.ts' : './node-entry.js', import.meta.url);
  const execArgv = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return () => {
    const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let exitReason: string | undefined;
    const exitListeners: ((reason: string) => void)[] = [];
    child.once('exit', (code, signal) => {
      exitReason = signal ? `killed by ${signal}` : `exit code ${code}`;
      for (const listener of exitListeners) listener(exitReason);
    });
    child.on('error', () => undefined); // a send after exit; the exit listener handles it
    const host: HostChild = {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => void child.on('message', (message) => listener(message as HostMessage)),
      onExit: (listener) => (exitReason === undefined ? exitListeners.push(listener) : listener(exitReason)),
      kill: () => void child.kill('SIGKILL'),
    };
    return host;
  };
}

import { join } from 'node:path';
import { utilityProcess } from 'electron';
import type { HostMessage } from '../../shared/core-host.js';
import type { HostChild, SpawnHost } from '../core/host/hosted-core.js';

/**
 * The core in an Electron utilityProcess: SQLite, pixel packing, post-processing and ffmpeg's
 * bookkeeping leave the main process's loop, which keeps windows, menus, dialogs and the media
 * protocol's streaming. `core-host.js` is the bundled core-host-entry.ts (electron.vite.config.ts).
 */
export function spawnUtilityHost(): SpawnHost {
  return () => {
    const child = utilityProcess.fork(join(import.meta.dirname, 'core-host.js'), [], { serviceName: 'ActionLens core', stdio: 'inherit' });
    let exitReason: string | undefined;
    const exitListeners: ((reason: string) => void)[] = [];
    child.once('exit', (code) => {
      exitReason = `exit code ${code}`;
      for (const listener of exitListeners) listener(exitReason);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => void (exitReason === undefined && child.postMessage(message)),
      onMessage: (listener) => void child.on('message', (message: HostMessage) => listener(message)),
      onExit: (listener) => (exitReason === undefined ? exitListeners.push(listener) : listener(exitReason)),
      kill: () => void child.kill(),
    } satisfies HostChild;
  };
}

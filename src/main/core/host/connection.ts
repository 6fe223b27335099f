import { dirname } from 'node:path';
import type { EventName } from '../../../shared/channels.js';
import type { CallOutcome } from '../../../shared/contract.js';
import type { MediaFileAnswer } from '../../../shared/core-host.js';
import type { MediaKind } from '../../../shared/webHost.js';
import type { AppCore, EventListener } from '../app.js';
import { dispatchCall } from '../api/dispatch.js';
import { mediaFile } from '../media/media-files.js';

/**
 * What a shell (the web host, Electron's main process) needs of the core, wherever it runs: in
 * this process (inProcessCore) or in a host process (HostedCore, core/host/hosted-core.ts).
 */
export interface CoreConnection {
  /** Runs one contract call; never throws (failures are envelopes, as dispatchCall's). */
  call(name: string, payload: unknown): Promise<CallOutcome<unknown>>;
  on<K extends EventName>(name: K, listener: EventListener<K>): () => void;
  /** The file behind a media route, checked unchanged; the shell streams it. */
  mediaFile(kind: MediaKind, id: number): Promise<MediaFileAnswer>;
  close(): Promise<void>;
}

/** The core on this process's loop (the CLI, tests, and the host process itself). */
export function inProcessCore(core: AppCore): CoreConnection {
  return {
    call: (name, payload) => dispatchCall(core.handlers, name, payload),
    on: (name, listener) => core.on(name, listener),
    mediaFile: (kind, id) => mediaFile(core.store, dirname(core.store.file), kind, id),
    close: () => core.close(),
  };
}

import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import type { EventName } from '../../shared/channels.js';
import type { EventPayload } from '../../shared/contract.js';
import { createCoreHandlers, type CoreHandlers, type EmitEvent } from './api/handlers.js';
import { Library } from './library/library.js';
import { mediaJobs, probeVideo } from './media/index.js';
import { defaultDatabaseFile } from './paths.js';
import { openStore, type Store } from './store/index.js';

export interface AppCoreOptions {
  /** SQLite file; defaults to the per-user data folder the desktop app uses. */
  databaseFile?: string;
  version: string;
  /** See OpenDatabaseOptions.nativeBinding. */
  sqliteBinding?: string;
}

export type EventListener<K extends EventName> = (payload: EventPayload<K>) => void;

/**
 * The application core, composed once per process: the store, the library and the contract's
 * handlers. The Electron shell, the CLI and the web host each open one and bind it to their
 * transport; nothing here knows which.
 */
export interface AppCore {
  store: Store;
  library: Library;
  handlers: CoreHandlers;
  on<K extends EventName>(name: K, listener: EventListener<K>): () => void;
  /** Stops running ffmpeg jobs and closes the database. */
  close(): void;
}

export function openAppCore(options: AppCoreOptions): AppCore {
  const databaseFile = options.databaseFile ?? defaultDatabaseFile();
  const store = openStore(databaseFile, { nativeBinding: options.sqliteBinding });
  const library = new Library(store, (file) => probeVideo(file));
  const emitter = new EventEmitter();
  const emit: EmitEvent = (name, payload) => emitter.emit(name, payload);
  const handlers = createCoreHandlers({ library, version: options.version, dataDir: dirname(databaseFile), databaseFile, emit });
  return {
    store,
    library,
    handlers,
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    close() {
      mediaJobs.killAll();
      store.close();
    },
  };
}

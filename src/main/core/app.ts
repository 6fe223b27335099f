import { EventEmitter } from 'node:events';
import { dirname, join } from 'node:path';
import type { EventName } from '../../shared/channels.js';
import type { EventPayload } from '../../shared/contract.js';
import { AnalysisService, type AnalysisServiceOptions } from './analysis/index.js';
import { createCoreHandlers, type CoreHandlers, type EmitEvent } from './api/handlers.js';
import { Library } from './library/library.js';
import { mediaJobs, probeVideo } from './media/index.js';
import { defaultModelDirs, ModelRegistry } from './models/index.js';
import { defaultDatabaseFile } from './paths.js';
import { openStore, type Store } from './store/index.js';
import { ReviewService } from './review/service.js';

export interface AppCoreOptions {
  /** SQLite file; defaults to the per-user data folder the desktop app uses. */
  databaseFile?: string;
  version: string;
  /** See OpenDatabaseOptions.nativeBinding. */
  sqliteBinding?: string;
  /** Folders searched for models; default: the checkout's models/, <data folder>/models, ACTIONLENS_MODEL_PATH. */
  modelDirs?: string[];
  /** Inference threads, flow, job concurrency (see AnalysisServiceOptions). */
  analysis?: AnalysisServiceOptions;
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
  models: ModelRegistry;
  analysis: AnalysisService;
  handlers: CoreHandlers;
  /** Sources, alert rules and the review queue; items follow completed runs. */
  review: ReviewService;
  on<K extends EventName>(name: K, listener: EventListener<K>): () => void;
  /** Cancels analysis jobs (their workers and ffmpeg stop), then closes the database. */
  close(): Promise<void>;
}

export function openAppCore(options: AppCoreOptions): AppCore {
  const databaseFile = options.databaseFile ?? defaultDatabaseFile();
  const store = openStore(databaseFile, { nativeBinding: options.sqliteBinding });
  const library = new Library(store, (file) => probeVideo(file));
  const emitter = new EventEmitter();
  const emit: EmitEvent = (name, payload) => emitter.emit(name, payload);
  const dataDir = dirname(databaseFile);
  // Imported models are copied into <data folder>/models, one of the folders defaultModelDirs scans.
  const models = new ModelRegistry(store, options.modelDirs ?? defaultModelDirs(dataDir), { importDir: join(dataDir, 'models') });
  const analysis = new AnalysisService(store, models, { job: (job) => emit('analysis.job', job), progress: (progress) => emit('analysis.progress', progress) }, options.analysis);
  const review = new ReviewService(store, models, analysis, (listener) => {
    emitter.on('analysis.job', listener);
    return () => emitter.off('analysis.job', listener);
  });
  const handlers = createCoreHandlers({ library, models, analysis, version: options.version, dataDir, databaseFile, emit, review });
  return {
    store,
    library,
    models,
    analysis,
    handlers,
    review,
    on(name, listener) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    async close() {
      review.stop();
      await analysis.close();
      mediaJobs.killAll();
      store.close();
    },
  };
}

import { EventEmitter } from 'node:events';
import { dirname, join } from 'node:path';
import type { EventName } from '../../shared/channels.js';
import type { EventPayload } from '../../shared/contract.js';
import { AnalysisService, type AnalysisServiceOptions } from './analysis/index.js';
import { createCoreHandlers, type CoreHandlers, type EmitEvent } from './api/handlers.js';
import { Library } from './library/library.js';
import { mediaJobs, probeVideo } from './media/index.js';
import { createEvalHandlers } from './eval/handlers.js';
import { defaultModelDirs, ModelRegistry, REPO_MODELS_DIR } from './models/index.js';
import { DATABASE_FILE_NAME, defaultDataDir, ensurePrivateDataDir } from './paths.js';
import { openStore, type Store } from './store/index.js';
import { ReviewService } from './review/service.js';
import { SourceWatch, type SourceWatchOptions } from './review/source-watch.js';
import { AnalysisPlacement } from './scaleout/placement.js';
import type { QueueSettings } from '../../shared/scaleout.js';

export interface AppCoreOptions {
  /**
   * The data folder: imported models (`<data folder>/models`), proxies, thumbnails, and by default the
   * database. The CLI and the desktop app always name it (ACTIONLENS_DATA_DIR or the per-user folder,
   * see paths.ts) so that `--db` elsewhere never moves it. Without it, the database's folder (tests
   * that keep everything in one temporary folder). Created 0700 (see ensurePrivateDataDir).
   */
  dataDir?: string;
  /** SQLite file; defaults to `<data folder>/actionlens.db`. */
  databaseFile?: string;
  /** The models shipped with the app: never imported into, never removed. Default: the checkout's models/. */
  shippedModelsDir?: string;
  version: string;
  /** See OpenDatabaseOptions.nativeBinding. */
  sqliteBinding?: string;
  /** Folders searched for models; default: the checkout's models/, <data folder>/models, ACTIONLENS_MODEL_PATH. */
  modelDirs?: string[];
  /** Inference threads, flow, job concurrency (see AnalysisServiceOptions). */
  analysis?: AnalysisServiceOptions;
  /** Scan interval and follow idle time of the watched sources (see SourceWatch). */
  watch?: SourceWatchOptions;
  /**
   * Where jobs compute (a command's --queue, for this session); without it, the settings stored in
   * the data folder (see scaleout/placement.ts). Plain data: it travels to the core's host process.
   */
  queue?: QueueSettings;
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
  /** The watched sources' folders; started by the long-running shells (host process, serve --in-process), not by CLI commands. */
  watch: SourceWatch;
  /** Where new jobs compute: here, on Redis workers, or both. */
  placement: AnalysisPlacement;
  on<K extends EventName>(name: K, listener: EventListener<K>): () => void;
  /** Cancels analysis jobs (their workers and ffmpeg stop), then closes the database. */
  close(): Promise<void>;
}

export function openAppCore(options: AppCoreOptions): AppCore {
  const dataDir = options.dataDir ?? (options.databaseFile ? dirname(options.databaseFile) : defaultDataDir());
  if (options.dataDir || !options.databaseFile) ensurePrivateDataDir(dataDir);
  const databaseFile = options.databaseFile ?? join(dataDir, DATABASE_FILE_NAME);
  const store = openStore(databaseFile, { nativeBinding: options.sqliteBinding });
  const library = new Library(store, (file) => probeVideo(file));
  const emitter = new EventEmitter();
  const emit: EmitEvent = (name, payload) => emitter.emit(name, payload);
  // Imported models are copied into <data folder>/models, one of the folders defaultModelDirs scans.
  // Without a shipped folder named, the registry takes the first model folder as the shipped one.
  const shippedDir = options.shippedModelsDir ?? (options.modelDirs ? undefined : REPO_MODELS_DIR);
  const models = new ModelRegistry(store, options.modelDirs ?? defaultModelDirs(dataDir, process.env, shippedDir), { importDir: join(dataDir, 'models'), shippedDir });
  // The pose models ship with the action models (models/pose): in a packaged app under its resources.
  const poseModelsDir = join(options.shippedModelsDir ?? REPO_MODELS_DIR, 'pose');
  const placement = new AnalysisPlacement({ store, models, dataDir, fromCommand: options.queue, localConcurrency: typeof options.analysis?.concurrency === 'number' ? options.analysis.concurrency : undefined });
  const analysisOptions = { compute: placement.compute, ...options.analysis, concurrency: options.analysis?.compute ? options.analysis.concurrency : placement.concurrency, pose: { modelsDir: poseModelsDir, ...options.analysis?.pose } };
  const analysis = new AnalysisService(store, models, { job: (job) => emit('analysis.job', job), progress: (progress) => emit('analysis.progress', progress), segments: (update) => emit('runs.segmentsChanged', update) }, analysisOptions);
  const on: AppCore['on'] = (name, listener) => {
    emitter.on(name, listener);
    return () => emitter.off(name, listener);
  };
  const review = new ReviewService(store, models, analysis, (listener) => on('analysis.job', listener), () => emit('review.changed', { reason: 'items' }));
  const watch = new SourceWatch(review, library, (listener) => on('analysis.job', listener), (change) => emit('review.changed', change), options.watch);
  const handlers: CoreHandlers = {
    ...createCoreHandlers({ library, models, analysis, version: options.version, dataDir, databaseFile, emit, review, placement }),
    ...createEvalHandlers({ store, models, library, analysis, on }, options.version),
  };
  return {
    store,
    library,
    models,
    analysis,
    handlers,
    review,
    watch,
    placement,
    on,
    async close() {
      await watch.stop();
      review.stop();
      await analysis.close();
      await placement.close();
      mediaJobs.killAll();
      store.close();
    },
  };
}

import { AnnotationsRepository } from './annotations.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from './database.js';
import { ModelsRepository } from './models.js';
import { PosesRepository } from './poses.js';
import { PersonPredictionsRepository } from './person-predictions.js';
import { PredictionsRepository } from './predictions.js';
import { RunsRepository } from './runs.js';
import { SegmentsRepository } from './segments.js';
import { VideosRepository } from './videos.js';

export interface Store {
  readonly file: string;
  readonly db: Database;
  readonly videos: VideosRepository;
  readonly models: ModelsRepository;
  readonly runs: RunsRepository;
  readonly predictions: PredictionsRepository;
  /** Skeleton runs' per-person probabilities (migration 009). */
  readonly personPredictions: PersonPredictionsRepository;
  readonly poses: PosesRepository;
  readonly segments: SegmentsRepository;
  readonly annotations: AnnotationsRepository;
  /** Runs `fn` (synchronous) atomically; nested calls become savepoints. Rolls back and rethrows on error. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Opens (creating and migrating if needed) the database at `file` with every repository ready. */
export function openStore(file: string, options: OpenDatabaseOptions = {}): Store {
  const db = openDatabase(file, options);
  return {
    file,
    db,
    videos: new VideosRepository(db),
    models: new ModelsRepository(db),
    runs: new RunsRepository(db),
    predictions: new PredictionsRepository(db),
    personPredictions: new PersonPredictionsRepository(db),
    poses: new PosesRepository(db),
    segments: new SegmentsRepository(db),
    annotations: new AnnotationsRepository(db),
    transaction: (fn) => db.transaction(fn)(),
    close: () => {
      if (db.open) db.close();
    },
  };
}

export { openStore, type Store } from './store.js';
export { openDatabase, describeOpenError, type Database, type OpenDatabaseOptions } from './database.js';
export { migrate, SCHEMA_VERSION, type MigrationResult } from './migrate.js';
export type { Migration } from './migrations/index.js';
export { wrapDbError, dbAction } from './db-errors.js';
export { VideosRepository, type NewVideo, type VideoRecord } from './videos.js';
export { ModelsRepository, type NewModel, type ModelRecord } from './models.js';
export {
  RunsRepository,
  RUN_STATUSES,
  type NewRun,
  type RunRecord,
  type RunStatus,
  type RunThreads,
  type RunTimings,
} from './runs.js';
export { PredictionsRepository, type FrameGap, type PredictionRange, type ProbEncoding, type ResumePoint } from './predictions.js';
export { PosesRepository } from './poses.js';
export { PersonPredictionsRepository, type PersonRows } from './person-predictions.js';
export { SegmentsRepository, type FrameRange, type NewSegment, type SegmentRecord } from './segments.js';
export { AnnotationsRepository, type AnnotationTrackRecord } from './annotations.js';

import type { Migration } from './migration.js';
import { initial } from './001_initial.js';
import { runOwnerAndLabels } from './002_run_owner_labels.js';
import { frameTimes } from './003_frame_times.js';
import { poseChunks } from './004_pose_chunks.js';
import { datasets } from './005_datasets.js';
import { resumePointsAndGaps } from './006_resume_points_gaps.js';
import { tagging } from './007_tagging.js';
import { review } from './008_review.js';
import { sourceWatch } from './009_source_watch.js';
import { personPredictions } from './010_person_predictions.js';

export type { Migration } from './migration.js';

/** Every schema version, oldest first; `migrate` checks they run 1, 2, 3… with no gaps. */
export const MIGRATIONS: readonly Migration[] = [initial, runOwnerAndLabels, frameTimes, poseChunks, datasets, resumePointsAndGaps, tagging, review, sourceWatch, personPredictions];

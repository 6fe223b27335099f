import type { Migration } from './migration.js';

/**
 * Per-person probabilities of skeleton action runs (issue 11): a skeleton model labels each tracked
 * person of the video's pose run, and the run's frame rows (prediction_chunks) are the union over
 * people. person_prediction_chunks holds one track's rows for frames [start_frame, start_frame +
 * frame_count) of the run (float32 little-endian, frame-major, class_count per frame). Rows are
 * deterministic given the pose run, so a resumed run skips the chunks already stored (primary key).
 * Cascades with its run.
 */
const SQL = /* sql */ `
CREATE TABLE person_prediction_chunks (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  track_id    INTEGER NOT NULL CHECK (track_id >= 0),
  start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
  frame_count INTEGER NOT NULL CHECK (frame_count > 0),
  class_count INTEGER NOT NULL CHECK (class_count > 0),
  probs       BLOB    NOT NULL CHECK (length(probs) = frame_count * class_count * 4),
  PRIMARY KEY (run_id, track_id, start_frame)
) STRICT;
`;

export const personPredictions: Migration = {
  version: 10,
  name: 'person predictions',
  up(db) {
    db.exec(SQL);
  },
};

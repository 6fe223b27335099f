import type { Migration } from './migration.js';

/**
 * Pose runs: keypoints of tracked people, stored like probabilities in chunks appended in frame order.
 * - pose_chunks: one row per committed frame range [start_frame, start_frame + frame_count) of a
 *   run: the frames' presentation times (little-endian float64 seconds) and the pose estimator's
 *   tracking state after the range's last frame, so that a resumed run continues exactly as an
 *   uninterrupted one would (same track ids, same smoothing).
 * - pose_track_chunks: for each track seen in a committed range, which of its frames hold the
 *   person (`present`, one byte per frame: 0 absent, 1 found, 2 lost — kept by the tracker at its
 *   last position with zero scores, see PersonPose.lost) and, for those frames in order, the box and person score
 *   (float32 × 5: x, y, width, height, score), the keypoints (float32 × 34: x, y per COCO-17 point,
 *   video pixels) and their scores (uint8 × 17: round(score × 255)).
 * Both cascade with their run. A range's rows are committed in one transaction with the run's frames_done.
 */
const SQL = /* sql */ `
CREATE TABLE pose_chunks (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
  frame_count INTEGER NOT NULL CHECK (frame_count > 0),
  pts         BLOB    NOT NULL CHECK (length(pts) = frame_count * 8),
  state       BLOB,
  PRIMARY KEY (run_id, start_frame)
) STRICT;

CREATE TABLE pose_track_chunks (
  run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  track_id     INTEGER NOT NULL CHECK (track_id >= 0),
  start_frame  INTEGER NOT NULL CHECK (start_frame >= 0),
  frame_count  INTEGER NOT NULL CHECK (frame_count > 0),
  person_count INTEGER NOT NULL CHECK (person_count > 0 AND person_count <= frame_count),
  present      BLOB    NOT NULL CHECK (length(present) = frame_count),
  boxes        BLOB    NOT NULL CHECK (length(boxes) = person_count * 20),
  points       BLOB    NOT NULL CHECK (length(points) = person_count * 136),
  scores       BLOB    NOT NULL CHECK (length(scores) = person_count * 17),
  PRIMARY KEY (run_id, start_frame, track_id)
) STRICT;
CREATE INDEX pose_track_chunks_by_track ON pose_track_chunks (run_id, track_id, start_frame);
`;

export const poseChunks: Migration = {
  version: 4,
  name: 'pose chunks',
  up(db) {
    db.exec(SQL);
  },
};

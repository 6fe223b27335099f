import type { Migration } from './migration.js';

/**
 * Each chunk of probabilities keeps where a resumed run restarts to compute exactly what an
 * uninterrupted run computes after it (see [Note: exact resume] in analysis/strategies/resume-ledger.ts):
 * the frame decoding restarts at, and the strategy's state there (a recurrent model's h/c as
 * float32 tensors one after another; NULL for stateless families). Both are written in the same
 * row, hence the same transaction, as the chunk. NULL for chunks stored before this version:
 * such a run restarts from frame 0.
 */
const SQL = /* sql */ `
-- Frames the decoder could not decode (a damaged file): stored with no label, in the same
-- transaction as the chunk that holds them; the timeline and the exports show them as gaps.
CREATE TABLE run_gaps (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
  frame_count INTEGER NOT NULL CHECK (frame_count > 0),
  PRIMARY KEY (run_id, start_frame)
) STRICT;

ALTER TABLE prediction_chunks ADD COLUMN resume_frame INTEGER CHECK (resume_frame IS NULL OR resume_frame >= 0);
ALTER TABLE prediction_chunks ADD COLUMN resume_state BLOB;
`;

export const resumePointsAndGaps: Migration = {
  version: 6,
  name: 'resume points with prediction chunks, undecodable frames as gaps',
  up(db) {
    db.exec(SQL);
  },
};

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
ALTER TABLE prediction_chunks ADD COLUMN resume_frame INTEGER CHECK (resume_frame IS NULL OR resume_frame >= 0);
ALTER TABLE prediction_chunks ADD COLUMN resume_state BLOB;
`;

export const resumePoints: Migration = {
  version: 4,
  name: 'resume points with prediction chunks',
  up(db) {
    db.exec(SQL);
  },
};

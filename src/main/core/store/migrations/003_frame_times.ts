import type { Migration } from './migration.js';

/**
 * Each chunk of probabilities keeps its frames' presentation times (little-endian float64
 * seconds, one per frame), as the decoder reported them: segment and export times then follow
 * the video's own clock, which matters for variable-frame-rate footage. NULL for chunks stored
 * before this version; their times are frame / average fps, as before.
 */
const SQL = /* sql */ `
ALTER TABLE prediction_chunks ADD COLUMN pts BLOB CHECK (pts IS NULL OR length(pts) = frame_count * 8);
`;

export const frameTimes: Migration = {
  version: 3,
  name: 'frame times with prediction chunks',
  up(db) {
    db.exec(SQL);
  },
};

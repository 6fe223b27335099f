import type { Migration } from './migration.js';

/**
 * Tagging: each annotation track has its own label set (the code window's buttons: colour,
 * hotkey, toggle or fixed length, lead and lag), and every decision on a model's proposal is
 * kept (label and edges before/after) so the corrections can be exported. `run_id` and
 * `proposal_id` are plain numbers, not foreign keys: a correction outlives the run it corrected.
 */
const SQL = /* sql */ `
CREATE TABLE track_labels (
  track_id  INTEGER NOT NULL REFERENCES annotation_tracks (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  name      TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  color     TEXT    NOT NULL,
  hotkey    TEXT    CHECK (hotkey IS NULL OR length(hotkey) = 1),
  mode      TEXT    NOT NULL CHECK (mode IN ('toggle', 'fixed')),
  fixed_sec REAL    NOT NULL CHECK (fixed_sec > 0),
  lead_sec  REAL    NOT NULL CHECK (lead_sec >= 0),
  lag_sec   REAL    NOT NULL CHECK (lag_sec >= 0),
  PRIMARY KEY (track_id, name)
) STRICT;

CREATE TABLE tag_decisions (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  track_id     INTEGER NOT NULL REFERENCES annotation_tracks (id) ON DELETE CASCADE,
  run_id       INTEGER NOT NULL,
  proposal_id  INTEGER NOT NULL,
  decision     TEXT    NOT NULL CHECK (decision IN ('accept', 'reject', 'trim')),
  label_before TEXT    NOT NULL,
  label_after  TEXT,
  start_before INTEGER NOT NULL,
  end_before   INTEGER NOT NULL,
  start_after  INTEGER,
  end_after    INTEGER,
  segment_id   INTEGER,
  decided_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX tag_decisions_by_track ON tag_decisions (track_id, run_id, proposal_id);
`;

export const tagging: Migration = {
  version: 7,
  name: 'track label sets and proposal decisions',
  up(db) {
    db.exec(SQL);
  },
};

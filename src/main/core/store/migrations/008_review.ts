import type { Migration } from './migration.js';

/**
 * The security review queue (issue 13):
 * - review_sources: a folder of recordings (one camera, or a tree with `recursive`), its models and stride;
 * - alert_rules: per source, what alerts (classes, threshold, minimum duration, time windows) and how
 *   matches group (merge gap, rolls);
 * - review_items: grouped matches of one rule in one run, with the triage state (verdict, note).
 *   Recomputed when a run completes; the triage state is carried over to the recomputed items that overlap;
 * - review_false_alarms: every item marked a false alarm, kept per rule and class even when items are
 *   recomputed, so the rule editor can say what a threshold change would have removed.
 */
const SQL = /* sql */ `
CREATE TABLE review_sources (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  path       TEXT    NOT NULL UNIQUE CHECK (length(path) > 0),
  recursive  INTEGER NOT NULL CHECK (recursive IN (0, 1)),
  model_ids_json TEXT NOT NULL CHECK (json_valid(model_ids_json)),
  stride     INTEGER NOT NULL CHECK (stride > 0),
  created_at TEXT    NOT NULL
) STRICT;

CREATE TABLE alert_rules (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id     INTEGER NOT NULL REFERENCES review_sources (id) ON DELETE CASCADE,
  name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  settings_json TEXT    NOT NULL CHECK (json_valid(settings_json)),
  created_at    TEXT    NOT NULL,
  UNIQUE (source_id, name)
) STRICT;

CREATE TABLE review_items (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id       INTEGER NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  source_id     INTEGER NOT NULL REFERENCES review_sources (id) ON DELETE CASCADE,
  video_id      INTEGER NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  start_sec     REAL    NOT NULL CHECK (start_sec >= 0),
  end_sec       REAL    NOT NULL CHECK (end_sec >= start_sec),
  started_at    TEXT    NOT NULL,
  day           TEXT    NOT NULL,
  score         REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
  classes_json  TEXT    NOT NULL CHECK (json_valid(classes_json)),
  peak_frame    INTEGER NOT NULL CHECK (peak_frame >= 0),
  peak_sec      REAL    NOT NULL,
  segment_count INTEGER NOT NULL CHECK (segment_count > 0),
  people        INTEGER CHECK (people IS NULL OR people >= 0),
  verdict       TEXT    CHECK (verdict IS NULL OR verdict IN ('reviewed', 'false_alarm')),
  reviewed_at   TEXT,
  note          TEXT    NOT NULL DEFAULT '',
  CHECK ((verdict IS NULL) = (reviewed_at IS NULL))
) STRICT;
CREATE INDEX review_items_newest ON review_items (started_at DESC, id DESC);
CREATE INDEX review_items_by_run ON review_items (run_id, rule_id);
CREATE INDEX review_items_by_source_day ON review_items (source_id, day);

CREATE TABLE review_false_alarms (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id   INTEGER NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  class     TEXT    NOT NULL,
  score     REAL    NOT NULL,
  video_id  INTEGER REFERENCES videos (id) ON DELETE SET NULL,
  start_sec REAL    NOT NULL,
  end_sec   REAL    NOT NULL,
  marked_at TEXT    NOT NULL,
  UNIQUE (rule_id, class, video_id, start_sec)
) STRICT;
`;

export const review: Migration = {
  version: 8,
  name: 'review queue',
  up(db) {
    db.exec(SQL);
  },
};

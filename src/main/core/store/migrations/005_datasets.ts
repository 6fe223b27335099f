import type { Migration } from './migration.js';

/**
 * Labelled datasets for evaluation: a named set of videos (by path and content fingerprint, not
 * yet necessarily in the library) with their ground truth. Truth is JSON per item: a clip label,
 * per-frame runs ([{label, startFrame, endFrame}]) and/or time segments ([{label, startSec, endSec}]).
 * mapping_json maps dataset labels to model class names where the names differ.
 */
const SQL = /* sql */ `
CREATE TABLE datasets (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  format       TEXT    NOT NULL,
  source       TEXT    NOT NULL,
  fingerprint  TEXT    NOT NULL,
  labels_json  TEXT    NOT NULL CHECK (json_valid(labels_json)),
  mapping_json TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(mapping_json)),
  created_at   TEXT    NOT NULL
) STRICT;

CREATE TABLE dataset_items (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset_id  INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  path        TEXT    NOT NULL CHECK (length(path) > 0),
  fingerprint TEXT    NOT NULL,
  split       TEXT,
  label       TEXT,
  frames_json   TEXT CHECK (frames_json IS NULL OR json_valid(frames_json)),
  segments_json TEXT CHECK (segments_json IS NULL OR json_valid(segments_json)),
  CHECK (label IS NOT NULL OR frames_json IS NOT NULL OR segments_json IS NOT NULL),
  UNIQUE (dataset_id, path)
) STRICT;
`;

export const datasets: Migration = {
  version: 5,
  name: 'labelled datasets',
  up(db) {
    db.exec(SQL);
  },
};

import type { Migration } from './migration.js';

/**
 * Conventions: timestamps are ISO-8601 UTC text; *_json columns hold JSON;
 * frame ranges are half-open [start_frame, end_frame), seconds likewise.
 * AUTOINCREMENT so a deleted row's id is never handed to a new row (the UI and jobs hold ids).
 */
const SQL = /* sql */ `
CREATE TABLE videos (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  path         TEXT    NOT NULL UNIQUE CHECK (length(path) > 0),
  size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
  mtime_ms     REAL    NOT NULL,
  fingerprint  TEXT    NOT NULL CHECK (length(fingerprint) > 0),
  probe_json   TEXT    NOT NULL CHECK (json_valid(probe_json)),
  -- Copied out of probe_json for queries; width/height are the displayed (rotated) size, as decoded.
  duration_sec REAL    CHECK (duration_sec IS NULL OR duration_sec >= 0),
  width        INTEGER CHECK (width IS NULL OR width > 0),
  height       INTEGER CHECK (height IS NULL OR height > 0),
  fps          REAL    CHECK (fps IS NULL OR fps > 0),
  frame_count  INTEGER CHECK (frame_count IS NULL OR frame_count >= 0),
  added_at     TEXT    NOT NULL
) STRICT;
-- Not unique: copies of one file may live at two paths.
CREATE INDEX videos_by_fingerprint ON videos (fingerprint);
CREATE INDEX videos_by_added_at ON videos (added_at, id);

CREATE TABLE models (
  id            TEXT    NOT NULL PRIMARY KEY CHECK (length(id) > 0),
  family        TEXT    NOT NULL CHECK (length(family) > 0),
  version       TEXT    NOT NULL CHECK (length(version) > 0),
  name          TEXT    NOT NULL,
  manifest_json TEXT    NOT NULL CHECK (json_valid(manifest_json)),
  path          TEXT    NOT NULL,
  sha256        TEXT    NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  class_count   INTEGER NOT NULL CHECK (class_count > 0),
  added_at      TEXT    NOT NULL
) STRICT;

CREATE TABLE runs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  video_id      INTEGER NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  model_id      TEXT    NOT NULL REFERENCES models (id) ON DELETE RESTRICT,
  params_json   TEXT    NOT NULL CHECK (json_valid(params_json)),
  -- Hash of model id + canonical params + video fingerprint: equal hashes mean the same work.
  params_hash   TEXT    NOT NULL CHECK (length(params_hash) > 0),
  provider      TEXT    NOT NULL,
  provider_used TEXT,
  threads_json  TEXT    CHECK (threads_json IS NULL OR json_valid(threads_json)),
  status        TEXT    NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  frames_done   INTEGER NOT NULL DEFAULT 0 CHECK (frames_done >= 0),
  frame_count   INTEGER CHECK (frame_count IS NULL OR frame_count >= 0),
  created_at    TEXT    NOT NULL,
  started_at    TEXT,
  finished_at   TEXT,
  timings_json  TEXT    CHECK (timings_json IS NULL OR json_valid(timings_json)),
  error_json    TEXT    CHECK (error_json IS NULL OR json_valid(error_json)),
  alignment     TEXT,
  CHECK (status <> 'failed' OR error_json IS NOT NULL),
  CHECK (status NOT IN ('completed', 'failed', 'cancelled') OR finished_at IS NOT NULL)
) STRICT;
CREATE INDEX runs_by_video ON runs (video_id, created_at);
CREATE INDEX runs_by_params_hash ON runs (params_hash, status);
-- Lets ON DELETE RESTRICT check a model's runs without a full scan.
CREATE INDEX runs_by_model ON runs (model_id);

-- probs is frame-major (frame_count × class_count), little-endian float32 or uint16 (value / 65535).
-- A rowid table on purpose: chunks are kilobytes, and WITHOUT ROWID suits only small rows.
CREATE TABLE prediction_chunks (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
  frame_count INTEGER NOT NULL CHECK (frame_count > 0),
  class_count INTEGER NOT NULL CHECK (class_count > 0),
  encoding    TEXT    NOT NULL CHECK (encoding IN ('f32', 'u16q')),
  probs       BLOB    NOT NULL
              CHECK (length(probs) = frame_count * class_count * (CASE encoding WHEN 'f32' THEN 4 ELSE 2 END)),
  PRIMARY KEY (run_id, start_frame)
) STRICT;

CREATE TABLE annotation_tracks (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  video_id   INTEGER NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  created_at TEXT    NOT NULL,
  UNIQUE (video_id, name)
) STRICT;

CREATE TABLE segments (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      INTEGER REFERENCES runs (id) ON DELETE CASCADE,
  track_id    INTEGER REFERENCES annotation_tracks (id) ON DELETE CASCADE,
  label       TEXT    NOT NULL,
  class_index INTEGER CHECK (class_index IS NULL OR class_index >= 0),
  start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
  end_frame   INTEGER NOT NULL,
  start_sec   REAL    NOT NULL CHECK (start_sec >= 0),
  end_sec     REAL    NOT NULL,
  confidence  REAL    CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  CHECK ((run_id IS NULL) <> (track_id IS NULL)),
  CHECK (end_frame > start_frame),
  CHECK (end_sec >= start_sec)
) STRICT;
CREATE INDEX segments_by_run ON segments (run_id, start_frame);
CREATE INDEX segments_by_track ON segments (track_id, start_frame);
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
  },
};

import type { Migration } from './migration.js';

/**
 * Runs learn who computes them and which labels they were computed with.
 * - owner / heartbeat_at: the process ("host:pid") working on a running run, and when it last said
 *   so. At startup only runs whose owner is gone are requeued, never one another process (the
 *   desktop app and the CLI share the database) is still computing.
 * - labels_json: the model's labels when the run was made. Runs keep their meaning when a model is
 *   retrained or re-imported under the same id with other labels. Existing runs take their model's
 *   current labels, which is what they were shown with until now.
 */
const SQL = /* sql */ `
ALTER TABLE runs ADD COLUMN owner TEXT;
ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
ALTER TABLE runs ADD COLUMN labels_json TEXT CHECK (labels_json IS NULL OR json_valid(labels_json));
UPDATE runs SET labels_json = (SELECT json_extract(m.manifest_json, '$.labels') FROM models m WHERE m.id = runs.model_id);
`;

export const runOwnerAndLabels: Migration = {
  version: 2,
  name: 'run owner, heartbeat and labels',
  up(db) {
    db.exec(SQL);
  },
};

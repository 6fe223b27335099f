import type { Migration } from './migration.js';

/**
 * Watch folders from the app (issue 13): whether the long-running core (desktop app, serve) watches
 * a source's folder, kept across restarts, and the last problem watching it (a missing folder, a
 * recording that could not be analysed), shown on the source until a scan succeeds.
 */
const SQL = /* sql */ `
ALTER TABLE review_sources ADD COLUMN watching INTEGER NOT NULL DEFAULT 0 CHECK (watching IN (0, 1));
ALTER TABLE review_sources ADD COLUMN watch_error TEXT;
`;

export const sourceWatch: Migration = {
  version: 9,
  name: 'source watch state',
  up(db) {
    db.exec(SQL);
  },
};

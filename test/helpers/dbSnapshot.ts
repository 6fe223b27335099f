import type Database from 'better-sqlite3';

/** Every row of every table, in a stable order: equal snapshots mean the database did not change. */
export function snapshotDatabase(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
    snapshot[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all();
  }
  snapshot.user_version = [db.pragma('user_version', { simple: true })];
  return snapshot;
}

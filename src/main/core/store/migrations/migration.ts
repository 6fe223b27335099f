import type BetterSqlite3 from 'better-sqlite3';

/**
 * One schema step. `up` runs inside a transaction that also sets `PRAGMA user_version = version`,
 * so it must be synchronous and must not change `PRAGMA foreign_keys` (a no-op inside a transaction).
 * Never edit a released migration: add the next version instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
}

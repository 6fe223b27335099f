import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** Checks that versions run 1, 2, 3… with no gap or repeat; returns the newest. Throws on a broken list. */
export function validateMigrations(migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new AppError(
        'INTERNAL',
        `Migration list is broken: entry ${index} ("${migration.name}") has version ${migration.version}, expected ${index + 1}.`,
      );
    }
  });
  return migrations.length;
}

/** The schema version this build of ActionLens writes. Evaluated at import, so a broken list fails at startup. */
export const SCHEMA_VERSION = validateMigrations(MIGRATIONS);

export function readUserVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses, without writing anything, a database made by a newer ActionLens. */
export function assertNotFromFuture(db: BetterSqlite3.Database, newest = SCHEMA_VERSION): void {
  const version = readUserVersion(db);
  if (version > newest) {
    throw new AppError(
      'DB_FROM_FUTURE',
      `The database ${db.name} has schema version ${version}, but this ActionLens only knows up to version ${newest}. ` +
        'It was written by a newer ActionLens: please update ActionLens to open it.',
      { file: db.name },
    );
  }
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: number[];
}

/**
 * Brings the schema up to the newest migration. Each step runs in its own IMMEDIATE transaction together with
 * its `user_version` bump, so a failure leaves the database exactly at the previous version, and a second
 * process migrating at the same time waits, then skips the steps already done.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  const newest = validateMigrations(migrations);
  assertNotFromFuture(db, newest);
  const from = readUserVersion(db);
  const applied: number[] = [];
  for (const migration of migrations.slice(from)) {
    const step = db.transaction(() => {
      if (readUserVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    });
    try {
      step.immediate();
    } catch (error) {
      throw new AppError(
        'DB_ERROR',
        `Could not upgrade the database ${db.name} to version ${migration.version} (${migration.name}): ` +
          `${error instanceof Error ? error.message : String(error)}. It was left at version ${readUserVersion(db)}.`,
        { file: db.name, cause: error },
      );
    }
  }
  return { from, to: readUserVersion(db), applied };
}

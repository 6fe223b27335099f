import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/shared/errors.js';
import {
  describeOpenError,
  migrate,
  openDatabase,
  openStore,
  SCHEMA_VERSION,
  type Migration,
} from '../../../src/main/core/store/index.js';
import { sampleVideo, useTempDir } from './helpers.js';

const TABLES = ['alert_rules', 'annotation_tracks', 'dataset_items', 'datasets', 'models', 'person_prediction_chunks', 'pose_chunks', 'pose_track_chunks', 'prediction_chunks', 'review_false_alarms', 'review_items', 'review_sources', 'run_gaps', 'runs', 'segments', 'tag_decisions', 'track_labels', 'videos'];

function tableNames(db: BetterSqlite3.Database): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
}

function expectAppError(fn: () => unknown, code: string, messagePart?: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(isAppError(error), String(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    if (messagePart) expect((error as Error).message).toMatch(messagePart);
    return;
  }
  throw new Error(`expected an AppError ${code}`);
}

describe('openDatabase', () => {
  const temp = useTempDir();

  it('creates the folder, applies pragmas and migrates an empty database', () => {
    const file = path.join(temp.dir(), 'nested', 'deeper', 'library.db');
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(tableNames(db)).toEqual(TABLES);
      const strict = db.prepare<[], { name: string; strict: number }>('PRAGMA table_list').all();
      for (const table of TABLES) expect(strict.find((t) => t.name === table)?.strict, table).toBe(1);
    } finally {
      db.close();
    }
  });

  it('reopens idempotently and keeps data', () => {
    const file = path.join(temp.dir(), 'library.db');
    const first = openStore(file);
    const video = first.videos.upsert(sampleVideo());
    first.close();

    const second = temp.track(openStore(file));
    expect(second.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrate(second.db).applied).toEqual([]);
    expect(second.videos.get(video.id)).toEqual(video);
    expect(second.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a database from a newer ActionLens without modifying it', () => {
    const file = path.join(temp.dir(), 'future.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE from_the_future (x INTEGER)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(file);

    const explains = new RegExp(`future\\.db.*version ${SCHEMA_VERSION + 1}.*update ActionLens`);
    expectAppError(() => openDatabase(file), 'DB_FROM_FUTURE', explains);
    expectAppError(() => openDatabase(file, { readonly: true }), 'DB_FROM_FUTURE');

    expect(readFileSync(file).equals(before)).toBe(true);
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(tableNames(check)).toEqual(['from_the_future']);
    check.close();
  });

  it('names the file when it is not a database, and leaves it alone', () => {
    const file = path.join(temp.dir(), 'notes.db');
    writeFileSync(file, 'this is not sqlite '.repeat(300));
    const before = readFileSync(file);
    expectAppError(() => openDatabase(file), 'DB_ERROR', /notes\.db is not an ActionLens database/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('opens read-only without migrating, and explains an out-of-date or missing file', () => {
    const dir = temp.dir();
    const old = path.join(dir, 'old.db');
    new BetterSqlite3(old).close(); // user_version 0
    expectAppError(() => openDatabase(old, { readonly: true }), 'DB_ERROR', /older than this ActionLens.*read-write/);
    const oldRaw = new BetterSqlite3(old, { readonly: true });
    expect(tableNames(oldRaw)).toEqual([]);
    oldRaw.close();

    expectAppError(() => openDatabase(path.join(dir, 'missing', 'x.db'), { readonly: true }), 'DB_ERROR', /x\.db/);

    const current = path.join(dir, 'current.db');
    openDatabase(current).close();
    const store = temp.track(openStore(current, { readonly: true }));
    expect(store.videos.count()).toBe(0);
    expectAppError(() => store.videos.upsert(sampleVideo()), 'DB_ERROR', /read-only/);
  });

  it('explains a native module built for another runtime', () => {
    const error = new Error(
      "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 139. " +
        'This version of Node.js requires NODE_MODULE_VERSION 115.',
    );
    const described = describeOpenError(error, '/tmp/library.db');
    expect(described.code).toBe('DB_ERROR');
    expect(described.message).toMatch(/another runtime \(Electron vs Node\)/);
    expect(described.message).toContain('npm rebuild better-sqlite3');
    expect(described.message).toContain('npx electron-builder install-app-deps');
  });
});

describe('migrate', () => {
  const temp = useTempDir();
  const createA: Migration = {
    version: 1,
    name: 'a',
    up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT; INSERT INTO a VALUES (1)'),
  };

  function rawDb(): BetterSqlite3.Database {
    return new BetterSqlite3(path.join(temp.dir(), 'm.db'));
  }

  it('rolls a failing migration back completely and keeps the earlier ones', () => {
    const db = rawDb();
    const failing: Migration = {
      version: 2,
      name: 'half-done',
      up: (d) => {
        d.exec('CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2)');
        throw new Error('boom');
      },
    };
    expectAppError(() => migrate(db, [createA, failing]), 'DB_ERROR', /version 2 \(half-done\).*boom.*left at version 1/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tableNames(db)).toEqual(['a']);
    expect(db.prepare('SELECT count(*) FROM a').pluck().get()).toBe(1);

    const fixed: Migration = { ...failing, up: (d) => d.exec('CREATE TABLE b (y INTEGER)') };
    expect(migrate(db, [createA, fixed])).toEqual({ from: 1, to: 2, applied: [2] });
    db.close();
  });

  it('rolls back the very first migration to an empty database', () => {
    const db = rawDb();
    const broken: Migration = { version: 1, name: 'broken', up: (d) => d.exec('CREATE TABLE a (x INTEGER); CREATE TABLE a (y)') };
    expectAppError(() => migrate(db, [broken]), 'DB_ERROR');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(db)).toEqual([]);
    db.close();
  });

  it('rejects version gaps, repeats and lists not starting at 1 before touching the database', () => {
    const db = rawDb();
    const at = (version: number): Migration => ({ ...createA, version, name: `v${version}` });
    for (const list of [[at(1), at(3)], [at(2)], [at(1), at(1)], [at(2), at(1)]]) {
      expectAppError(() => migrate(db, list), 'INTERNAL', /Migration list is broken/);
    }
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(db)).toEqual([]);
    db.close();
  });

  it('refuses a database newer than the given migrations', () => {
    const db = rawDb();
    db.pragma('user_version = 5');
    expectAppError(() => migrate(db, [createA]), 'DB_FROM_FUTURE', /version 5.*up to version 1/);
    expect(tableNames(db)).toEqual([]);
    db.close();
  });
});

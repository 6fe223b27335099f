import type BetterSqlite3 from 'better-sqlite3';
import type { AppError } from '../../../shared/errors.js';
import { log, SLOW_SQL_MS } from '../log/logger.js';
import { corruptionError, isCorruptionError, isSqliteError, rememberDatabaseFile } from './db-errors.js';

type Database = BetterSqlite3.Database;
type AnyStatement = BetterSqlite3.Statement<unknown[], unknown>;
type AnyTransaction = BetterSqlite3.Transaction<(...args: unknown[]) => unknown>;

interface Health {
  /** Set by the first SQLITE_CORRUPT/NOTADB seen (or a failed quick_check): from then on writes are refused. */
  damage: AppError | null;
}

const healthOf = new WeakMap<Database, Health>();

/** Why this database refuses writes, or null while it is sound. */
export function databaseDamage(db: Database): AppError | null {
  return healthOf.get(db)?.damage ?? null;
}

/** Records damage found outside a statement (quick_check at open); writes are refused from now on. */
export function markDamaged(db: Database, damage: AppError): void {
  const health = healthOf.get(db);
  if (health) health.damage ??= damage;
}

/**
 * Makes every statement the store prepares on `db` keep three promises, so no repository has to:
 *
 * 1. A write either commits or throws. [Note: better-sqlite3's `.get()` steps a statement once, then
 *    `sqlite3_reset()`s it and ignores what reset returns. An `INSERT/UPDATE … RETURNING` outside a
 *    transaction does its changes and yields the row on that first step, but its autocommit COMMIT only
 *    runs when the statement finishes, i.e. inside the reset; in WAL mode that COMMIT is what writes the
 *    WAL file, so on a full disk SQLITE_FULL came from reset and was dropped: the row was returned and
 *    nothing was stored (reproduced on a 120 KB tmpfs). `.all()`, `.run()` and `.iterate()` step to
 *    SQLITE_DONE, whose COMMIT error they do raise, so `.get()` on a writing statement runs as
 *    `.all()[0]`. Inside an explicit transaction the COMMIT of `db.transaction` raises it too.]
 * 2. An error names the database file (see rememberDatabaseFile; wrapDbError puts it in the message).
 * 3. Damage is contagious: the first SQLITE_CORRUPT/NOTADB, from a read or a write, becomes a DB_CORRUPT
 *    AppError naming the file and the recovery commands, and every later write is refused with it, so
 *    nothing more is built on pages SQLite could not read.
 */
export function guardDatabase(db: Database): Database {
  const health: Health = { damage: null };
  healthOf.set(db, health);
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => guardStatement(prepare(source) as AnyStatement, db, health)) as Database['prepare'];
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => guardTransaction(transaction(fn), db, health)) as Database['transaction'];
  return db;
}

function observed(error: unknown, db: Database, health: Health): unknown {
  if (isCorruptionError(error)) {
    health.damage ??= corruptionError(db.name, error);
    return corruptionError(db.name, error);
  }
  if (isSqliteError(error)) rememberDatabaseFile(error, db.name);
  return error;
}

function guardStatement(stmt: AnyStatement, db: Database, health: Health): AnyStatement {
  const { get, all, run, iterate } = stmt;
  const writes = !stmt.readonly;
  const guarded = <T>(step: () => T): T => {
    if (writes && health.damage) throw health.damage;
    const started = performance.now();
    try {
      return step();
    } catch (error) {
      throw observed(error, db, health);
    } finally {
      const ms = performance.now() - started;
      if (ms > SLOW_SQL_MS) log().warn({ sql: stmt.source, ms: Math.round(ms), db: db.name }, 'slow SQL statement');
    }
  };
  stmt.get = (...params: unknown[]) => guarded(() => (writes ? all.apply(stmt, params)[0] : get.apply(stmt, params)));
  stmt.all = (...params: unknown[]) => guarded(() => all.apply(stmt, params));
  stmt.run = (...params: unknown[]) => guarded(() => run.apply(stmt, params));
  stmt.iterate = (...params: unknown[]) => {
    const rows = guarded(() => iterate.apply(stmt, params));
    return {
      next: () => guarded(() => rows.next()),
      return: () => guarded(() => rows.return?.() ?? { done: true as const, value: undefined }),
      [Symbol.iterator]() {
        return this;
      },
    } as ReturnType<AnyStatement['iterate']>;
  };
  return stmt;
}

function guardTransaction(txn: AnyTransaction, db: Database, health: Health): AnyTransaction {
  const wrap =
    (run: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      try {
        return run(...args);
      } catch (error) {
        throw observed(error, db, health);
      }
    };
  const guarded = wrap(txn) as AnyTransaction;
  guarded.default = guarded;
  guarded.deferred = wrap(txn.deferred) as AnyTransaction;
  guarded.immediate = wrap(txn.immediate) as AnyTransaction;
  guarded.exclusive = wrap(txn.exclusive) as AnyTransaction;
  return guarded;
}

import type BetterSqlite3 from 'better-sqlite3';
import { dbAction } from './db-errors.js';

export interface NewModel {
  /** `family@version`, e.g. `cnn-lstm@1`. */
  id: string;
  family: string;
  version: string;
  name: string;
  /** The model's manifest as read from disk; the model core validates its shape. */
  manifest: unknown;
  path: string;
  /** Lowercase hex SHA-256 of the weights file. */
  sha256: string;
  classCount: number;
}

export interface ModelRecord extends NewModel {
  addedAt: string;
}

interface ModelRow {
  id: string;
  family: string;
  version: string;
  name: string;
  manifest_json: string;
  path: string;
  sha256: string;
  class_count: number;
  added_at: string;
}

const COLUMNS = 'id, family, version, name, manifest_json, path, sha256, class_count, added_at';

function toRecord(row: ModelRow): ModelRecord {
  return {
    id: row.id,
    family: row.family,
    version: row.version,
    name: row.name,
    manifest: JSON.parse(row.manifest_json) as unknown,
    path: row.path,
    sha256: row.sha256,
    classCount: row.class_count,
    addedAt: row.added_at,
  };
}

export class ModelsRepository {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly removeStmt;

  constructor(db: BetterSqlite3.Database) {
    this.upsertStmt = db.prepare<Record<string, unknown>, ModelRow>(`
      INSERT INTO models (id, family, version, name, manifest_json, path, sha256, class_count, added_at)
      VALUES (@id, @family, @version, @name, @manifestJson, @path, @sha256, @classCount, @addedAt)
      ON CONFLICT (id) DO UPDATE SET
        family = excluded.family, version = excluded.version, name = excluded.name,
        manifest_json = excluded.manifest_json, path = excluded.path, sha256 = excluded.sha256,
        class_count = excluded.class_count
      RETURNING ${COLUMNS}`);
    this.getStmt = db.prepare<[string], ModelRow>(`SELECT ${COLUMNS} FROM models WHERE id = ?`);
    this.listStmt = db.prepare<[], ModelRow>(`SELECT ${COLUMNS} FROM models ORDER BY family, version, id`);
    this.removeStmt = db.prepare<[string]>('DELETE FROM models WHERE id = ?');
  }

  /** Registers the model, or refreshes the row with the same id (keeping added_at). */
  upsert(model: NewModel): ModelRecord {
    const row = dbAction(`save the model ${model.id}`, () =>
      this.upsertStmt.get({
        id: model.id,
        family: model.family,
        version: model.version,
        name: model.name,
        manifestJson: JSON.stringify(model.manifest),
        path: model.path,
        sha256: model.sha256,
        classCount: model.classCount,
        addedAt: new Date().toISOString(),
      }),
    );
    return toRecord(row as ModelRow);
  }

  get(id: string): ModelRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecord(row);
  }

  list(): ModelRecord[] {
    return this.listStmt.all().map(toRecord);
  }

  /** Fails with DB_ERROR while runs still use the model (their results would lose their meaning). */
  remove(id: string): boolean {
    return dbAction(`remove the model ${id}`, () => this.removeStmt.run(id).changes > 0);
  }
}

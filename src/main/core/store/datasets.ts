import type BetterSqlite3 from 'better-sqlite3';
import type { DatasetFormat, DatasetItem, DatasetSummary, FrameTruth, TimeTruth } from '../../../shared/datasets.js';
import { AppError } from '../../../shared/errors.js';
import { dbAction, isSqliteError, wrapDbError } from './db-errors.js';

/** An item as imported, before the store gives it an id (the shared DatasetItem owns the fields). */
export type NewDatasetItem = Omit<DatasetItem, 'id'>;

export interface NewDataset {
  name: string;
  format: DatasetFormat;
  source: string;
  fingerprint: string;
  labels: string[];
  mapping: Record<string, string>;
  items: NewDatasetItem[];
}

interface DatasetRow {
  id: number;
  name: string;
  format: DatasetFormat;
  source: string;
  fingerprint: string;
  labels_json: string;
  mapping_json: string;
  created_at: string;
}

interface ItemRow {
  id: number;
  path: string;
  fingerprint: string;
  split: string | null;
  label: string | null;
  frames_json: string | null;
  segments_json: string | null;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** Labelled datasets and their items (migration 004). A dataset and its items are written in one transaction. */
export class DatasetsRepository {
  readonly #db: BetterSqlite3.Database;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  create(dataset: NewDataset): DatasetSummary {
    const insert = this.#db.prepare<unknown[], { id: number }>(
      'INSERT INTO datasets (name, format, source, fingerprint, labels_json, mapping_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
    );
    const insertItem = this.#db.prepare(
      'INSERT INTO dataset_items (dataset_id, path, fingerprint, split, label, frames_json, segments_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const write = this.#db.transaction(() => {
      const { id } = insert.get(dataset.name, dataset.format, dataset.source, dataset.fingerprint, JSON.stringify(dataset.labels), JSON.stringify(dataset.mapping), new Date().toISOString())!;
      for (const item of dataset.items) {
        insertItem.run(id, item.path, item.fingerprint, item.split, item.label, item.frames && JSON.stringify(item.frames), item.segments && JSON.stringify(item.segments));
      }
      return id;
    });
    try {
      return this.get(write())!;
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_CONSTRAINT_UNIQUE') && /datasets\.name/.test((error as Error).message)) {
        throw new AppError('INVALID_ARGUMENT', `A dataset named "${dataset.name}" exists already (remove it first, or pick another --name).`, { field: 'name' });
      }
      throw wrapDbError(error, `import the dataset "${dataset.name}"`);
    }
  }

  list(): DatasetSummary[] {
    return this.#db.prepare<[], DatasetRow>('SELECT * FROM datasets ORDER BY name').all().map((row) => this.#summary(row));
  }

  get(id: number): DatasetSummary | undefined {
    const row = this.#db.prepare<[number], DatasetRow>('SELECT * FROM datasets WHERE id = ?').get(id);
    return row && this.#summary(row);
  }

  byName(name: string): DatasetSummary | undefined {
    const row = this.#db.prepare<[string], DatasetRow>('SELECT * FROM datasets WHERE name = ?').get(name);
    return row && this.#summary(row);
  }

  items(datasetId: number, split?: string): DatasetItem[] {
    const rows =
      split === undefined
        ? this.#db.prepare<[number], ItemRow>('SELECT * FROM dataset_items WHERE dataset_id = ? ORDER BY path').all(datasetId)
        : this.#db.prepare<[number, string], ItemRow>('SELECT * FROM dataset_items WHERE dataset_id = ? AND split = ? ORDER BY path').all(datasetId, split);
    return rows.map((row) => ({
      id: row.id,
      path: row.path,
      fingerprint: row.fingerprint,
      split: row.split,
      label: row.label,
      frames: json<FrameTruth[]>(row.frames_json),
      segments: json<TimeTruth[]>(row.segments_json),
    }));
  }

  setMapping(id: number, mapping: Record<string, string>): DatasetSummary {
    dbAction(`update the label mapping of dataset ${id}`, () => this.#db.prepare('UPDATE datasets SET mapping_json = ? WHERE id = ?').run(JSON.stringify(mapping), id));
    const updated = this.get(id);
    if (!updated) throw new AppError('NOT_FOUND', `No dataset with id ${id}.`, { field: 'dataset' });
    return updated;
  }

  remove(id: number): boolean {
    return dbAction(`remove dataset ${id}`, () => this.#db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0);
  }

  #summary(row: DatasetRow): DatasetSummary {
    const splits = this.#db
      .prepare<[number], { split: string | null; n: number }>('SELECT split, count(*) AS n FROM dataset_items WHERE dataset_id = ? GROUP BY split ORDER BY split')
      .all(row.id);
    return {
      id: row.id,
      name: row.name,
      format: row.format,
      source: row.source,
      fingerprint: row.fingerprint,
      labels: JSON.parse(row.labels_json) as string[],
      mapping: JSON.parse(row.mapping_json) as Record<string, string>,
      itemCount: splits.reduce((sum, s) => sum + s.n, 0),
      splits: Object.fromEntries(splits.map((s) => [s.split ?? '', s.n])),
      createdAt: row.created_at,
    };
  }
}

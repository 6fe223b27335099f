import type { DatasetImportResult, DatasetItem, DatasetSummary, LabelMapping } from '../../../../shared/datasets.js';
import { AppError } from '../../../../shared/errors.js';
import type { ModelRegistry } from '../../models/index.js';
import { DatasetsRepository } from '../../store/datasets.js';
import type { Store } from '../../store/index.js';
import { prepareImport, type ImportOptions } from './import.js';
import { mapLabels } from './mapping.js';

/** Labelled datasets: import, list, label mapping, removal. Shared by the CLI, the API and eval. */
export class Datasets {
  readonly repository: DatasetsRepository;

  constructor(
    store: Store,
    private readonly models: ModelRegistry,
  ) {
    this.repository = new DatasetsRepository(store.db);
  }

  async import(source: string, options: ImportOptions = {}): Promise<DatasetImportResult> {
    const { dataset, skipped } = await prepareImport(source, options);
    const stray = Object.keys(dataset.mapping).filter((label) => !dataset.labels.includes(label));
    if (stray.length > 0) throw new AppError('INVALID_ARGUMENT', `--map names ${stray.join(', ')}, not a label of ${source} (its labels: ${dataset.labels.join(', ')}).`, { field: 'mapping' });
    if (this.repository.byName(dataset.name)) {
      throw new AppError('INVALID_ARGUMENT', `A dataset named "${dataset.name}" exists already (remove it first, or pick another --name).`, { field: 'name' });
    }
    return { dataset: this.repository.create(dataset), skipped };
  }

  list(): DatasetSummary[] {
    return this.repository.list();
  }

  /** By name, or by id when the text is a number no dataset is named. */
  get(nameOrId: string | number): DatasetSummary {
    const found = this.repository.byName(String(nameOrId)) ?? (/^\d+$/.test(String(nameOrId)) ? this.repository.get(Number(nameOrId)) : undefined);
    if (!found) throw new AppError('NOT_FOUND', `No dataset named "${nameOrId}" (see: actionlens datasets list).`, { field: 'dataset' });
    return found;
  }

  items(nameOrId: string | number, split?: string): DatasetItem[] {
    return this.repository.items(this.get(nameOrId).id, split);
  }

  remove(nameOrId: string | number): DatasetSummary {
    const dataset = this.get(nameOrId);
    this.repository.remove(dataset.id);
    return dataset;
  }

  /** Sets (label → class) and removes (labels in `unset`) explicit mapping entries. */
  map(nameOrId: string | number, set: Record<string, string>, unset: readonly string[] = []): DatasetSummary {
    const dataset = this.get(nameOrId);
    for (const label of [...Object.keys(set), ...unset]) {
      if (!dataset.labels.includes(label)) throw new AppError('INVALID_ARGUMENT', `"${label}" is not a label of the dataset "${dataset.name}" (its labels: ${dataset.labels.join(', ')}).`, { field: 'mapping' });
    }
    const mapping = { ...dataset.mapping, ...set };
    for (const label of unset) delete mapping[label];
    return this.repository.setMapping(dataset.id, mapping);
  }

  async mappingFor(dataset: DatasetSummary, modelId: string): Promise<LabelMapping> {
    const model = await this.models.get(modelId);
    return mapLabels(model.summary.id, dataset.labels, dataset.mapping, model.manifest.labels);
  }
}

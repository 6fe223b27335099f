/** The contract's datasets.* and eval.* calls, served by the core (spread into createCoreHandlers). */
import type { CallHandlers } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { EvalReport } from '../../../shared/eval.js';
import { Datasets } from './datasets/service.js';
import { evaluate, type EvalCore } from './evaluate.js';
import { evalCsv, evalHtml } from './report/index.js';

export type EvalCallName = 'datasets.list' | 'datasets.import' | 'datasets.map' | 'datasets.remove' | 'eval.run' | 'eval.export';

/** Reports kept for eval.export: the newest few of this process. */
const KEPT_REPORTS = 10;

export function createEvalHandlers(core: EvalCore, version: string): Pick<CallHandlers, EvalCallName> {
  const datasets = new Datasets(core.store, core.models);
  const reports = new Map<number, EvalReport>();
  let nextId = 1;
  return {
    'datasets.list': async () => datasets.list(),
    'datasets.import': async ({ path, ...options }) => datasets.import(path, options),
    'datasets.map': async ({ dataset, set, unset }) => datasets.map(dataset, set, unset),
    'datasets.remove': async ({ dataset }) => ({ removed: datasets.remove(dataset) }),
    'eval.run': async ({ dataset, modelIds, split }) => {
      const report = await evaluate(core, datasets, version, { dataset, models: modelIds, split });
      const reportId = nextId++;
      reports.set(reportId, report);
      for (const id of reports.keys()) if (reports.size > KEPT_REPORTS) reports.delete(id);
      return { reportId, report };
    },
    'eval.export': async ({ reportId, format }) => {
      const report = reports.get(reportId);
      if (!report) throw new AppError('NOT_FOUND', `No evaluation report ${reportId} in this session; evaluate again.`, { field: 'reportId' });
      const base = `actionlens-eval-${report.dataset.name.replace(/[^\w.-]+/g, '_')}`;
      if (format === 'html') return { fileName: `${base}.html`, mime: 'text/html', text: evalHtml(report) };
      if (format === 'csv') return { fileName: `${base}.csv`, mime: 'text/csv', text: evalCsv(report) };
      return { fileName: `${base}.json`, mime: 'application/json', text: `${JSON.stringify(report, null, 2)}\n` };
    },
  };
}

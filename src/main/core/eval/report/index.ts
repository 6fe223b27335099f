import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { EvalReport } from '../../../../shared/eval.js';
import { AppError } from '../../../../shared/errors.js';
import { evalCsv } from './csv.js';
import { evalHtml } from './html.js';

export { evalCsv } from './csv.js';
export { evalHtml } from './html.js';
export { confusionSvg } from './confusion-svg.js';

export function evalJson(report: EvalReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes the report as HTML, CSV or JSON by the file's extension. */
export async function writeEvalReport(report: EvalReport, file: string, kind?: 'html' | 'csv' | 'json'): Promise<void> {
  const as = kind ?? extname(file).slice(1).toLowerCase();
  const text = as === 'html' || as === 'htm' ? evalHtml(report) : as === 'csv' ? evalCsv(report) : as === 'json' ? evalJson(report) : null;
  if (text === null) throw new AppError('INVALID_ARGUMENT', `${file}: a report is .html, .csv or .json.`, { file, field: 'report' });
  await writeFile(file, text).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('UNREADABLE', `Cannot write ${file}: ${error.code ?? error.message}`, { file, field: 'report' });
  });
}

/**
 * The models × metrics summary as columns, one owner for the CLI's text table, the HTML report and
 * the Evaluation screen (each used to restate the same twelve cells).
 */
import type { EvalModelResult } from './eval.js';

export interface EvalSummaryColumn {
  /** Short heading (terminal, screen). */
  head: string;
  /** Heading where there is room (the HTML report). */
  longHead: string;
  cell(model: EvalModelResult): string;
}

/** A percentage with one decimal, or an en dash where the dataset has no such truth. */
export const percentCell = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : value.toFixed(1));
const fixedCell = (value: number | null | undefined, digits: number): string => (value === null || value === undefined ? '–' : value.toFixed(digits));

export const EVAL_SUMMARY_COLUMNS: readonly EvalSummaryColumn[] = [
  { head: 'model', longHead: 'model', cell: (m) => m.modelId },
  { head: 'clips', longHead: 'clips', cell: (m) => String(m.clips?.count ?? '–') },
  { head: 'top-1', longHead: 'top-1', cell: (m) => percentCell(m.clips?.top1) },
  { head: 'top-5', longHead: 'top-5', cell: (m) => percentCell(m.clips?.top5) },
  { head: 'mca', longHead: 'mean class acc', cell: (m) => percentCell(m.clips?.meanClassAccuracy) },
  { head: 'frame', longHead: 'frame acc', cell: (m) => percentCell(m.frames?.frameAccuracy) },
  { head: 'edit', longHead: 'edit', cell: (m) => percentCell(m.frames?.edit) },
  { head: 'F1@10', longHead: 'F1@10', cell: (m) => percentCell(m.frames?.f1At10) },
  { head: 'F1@25', longHead: 'F1@25', cell: (m) => percentCell(m.frames?.f1At25) },
  { head: 'F1@50', longHead: 'F1@50', cell: (m) => percentCell(m.frames?.f1At50) },
  { head: 'mAP', longHead: 'mAP (avg 0.3–0.7)', cell: (m) => percentCell(m.detection?.averageMap) },
  { head: 'fps', longHead: 'fps', cell: (m) => fixedCell(m.speed.framesPerSecond, 0) },
];

/** The report's extra column: milliseconds per frame. */
export const MS_PER_FRAME_COLUMN: EvalSummaryColumn = { head: 'ms/frame', longHead: 'ms/frame', cell: (m) => fixedCell(m.speed.msPerFrame, 2) };

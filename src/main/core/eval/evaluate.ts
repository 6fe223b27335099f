/** `actionlens eval`: a dataset × models → one EvalReport (src/shared/eval.ts, docs/eval.md). */
import os from 'node:os';
import { analysisRequestSchema, type AnalysisRequest } from '../../../shared/analysis.js';
import type { JobSummary } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import { EVAL_REPORT_FORMAT, EVAL_REPORT_VERSION, type EvalClip, type EvalPairResult, type EvalReport, type EvalSequence } from '../../../shared/eval.js';
import type { RegisteredModel } from '../models/index.js';
import type { Datasets } from './datasets/service.js';
import { bootstrapTop1, mcnemar } from './metrics/index.js';
import { matchRuns, type EvalCore } from './runs.js';

export type { EvalCore } from './runs.js';
import { scoreModel, type ModelScore } from './score.js';

export interface EvaluateOptions {
  dataset: string;
  models: string[];
  /** Only items of this split (e.g. test); all items when absent. */
  split?: string;
  request?: Partial<Omit<AnalysisRequest, 'modelId'>>;
  /** Compute missing runs (default true). */
  compute?: boolean;
  bootstrap?: { resamples?: number; seed?: number };
  onJob?: (job: JobSummary) => void;
}

export const METHOD = {
  clipPrediction: 'mean of the run\'s stored per-frame probabilities over all frames of the clip, argmax (first class on ties); top-5 ranks classes by that mean',
  framePrediction: 'argmax of each frame\'s stored probabilities, no smoothing (MS-TCN metrics on frames that have truth)',
  detection: 'the run\'s stored segments (after its post-processing) scored by their confidence, against segment truth or runs of per-frame truth',
};

function pairsOf(scores: readonly ModelScore[], resamples: number, seed: number): EvalPairResult[] {
  const pairs: EvalPairResult[] = [];
  for (let i = 0; i < scores.length; i++) {
    for (let j = i + 1; j < scores.length; j++) {
      const a = scores[i]!;
      const b = scores[j]!;
      const bByItem = new Map(b.outcomes.map((o) => [o.itemId, o]));
      // Clips both could be scored on, with the same truth class name (mapping can differ per model).
      const shared = a.outcomes.flatMap((o) => {
        const other = bByItem.get(o.itemId);
        return other ? [{ a: o.truth === o.predicted, b: other.truth === other.predicted }] : [];
      });
      if (shared.length === 0) continue;
      const aCorrect = shared.map((s) => s.a);
      const bCorrect = shared.map((s) => s.b);
      pairs.push({ a: a.result.modelId, b: b.result.modelId, clips: shared.length, mcnemar: mcnemar(aCorrect, bCorrect), bootstrap: bootstrapTop1(aCorrect, bCorrect, { resamples, seed }) });
    }
  }
  return pairs;
}

export async function evaluate(core: EvalCore, datasets: Datasets, version: string, options: EvaluateOptions): Promise<EvalReport> {
  if (options.models.length === 0) throw new AppError('INVALID_ARGUMENT', 'Name at least one model with -m.', { field: 'models' });
  const dataset = datasets.get(options.dataset);
  const items = datasets.items(dataset.id, options.split);
  if (items.length === 0) {
    throw new AppError('INVALID_ARGUMENT', `The dataset "${dataset.name}" has no item${options.split ? ` in the split "${options.split}" (its splits: ${Object.keys(dataset.splits).join(', ') || 'none'})` : ''}.`, { field: 'split' });
  }
  const models: RegisteredModel[] = [];
  for (const id of [...new Set(options.models)]) models.push(await core.models.get(id));
  const parsed = analysisRequestSchema.parse({ ...options.request, modelId: models[0]!.summary.id });
  const { modelId: _unused, ...request } = parsed;
  const matched = await matchRuns(core, items, models, { request, compute: options.compute ?? true, onJob: options.onJob });
  const started = performance.now();
  const notes = [...matched.notes];
  const scores: ModelScore[] = [];
  for (const model of models) {
    const mapping = await datasets.mappingFor(dataset, model.summary.id);
    if (mapping.unmapped.length > 0) notes.push(`${model.summary.id}: no class for ${mapping.unmapped.join(', ')} (map them with: actionlens datasets map ${dataset.name} LABEL=CLASS)`);
    const score = scoreModel(core.store, model, items, matched.runs.get(model.summary.id)!, mapping);
    notes.push(...score.notes);
    scores.push(score);
  }
  const resamples = options.bootstrap?.resamples ?? 2000;
  const seed = options.bootstrap?.seed ?? 14;
  const pairs = pairsOf(scores, resamples, seed);
  const outcomesByModel = scores.map((score) => new Map(score.outcomes.map((o) => [o.itemId, o])));
  const clips: EvalClip[] = items.flatMap((item) => {
    if (item.label === null) return [];
    const predictions: EvalClip['predictions'] = {};
    for (const [m, score] of scores.entries()) {
      const outcome = outcomesByModel[m]!.get(item.id);
      predictions[score.result.modelId] = outcome ? { runId: outcome.runId, predicted: score.result.classes[outcome.predicted]!, correct: outcome.truth === outcome.predicted } : null;
    }
    return [{ itemId: item.id, path: item.path, videoId: matched.videos.get(item.id)?.id ?? null, label: item.label, predictions }];
  });
  const sequences: EvalSequence[] = items.flatMap((item) =>
    item.frames
      ? [{ itemId: item.id, path: item.path, videoId: matched.videos.get(item.id)?.id ?? null, truth: item.frames, runs: Object.fromEntries(models.map((m) => [m.summary.id, matched.runs.get(m.summary.id)!.get(item.id)?.id ?? null])) }]
      : [],
  );
  const cpus = os.cpus();
  return {
    format: EVAL_REPORT_FORMAT,
    version: EVAL_REPORT_VERSION,
    createdAt: new Date().toISOString(),
    app: { name: 'actionlens', version },
    machine: { platform: os.platform(), arch: os.arch(), cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`, node: process.version },
    dataset: { id: dataset.id, name: dataset.name, format: dataset.format, fingerprint: dataset.fingerprint, split: options.split ?? null, items: items.length, mapping: dataset.mapping },
    parameters: { sampling: request.sampling, postprocess: request.postprocess, provider: request.provider },
    method: { ...METHOD, bootstrap: { resamples, seed } },
    models: scores.map((s) => s.result),
    pairs,
    clips,
    sequences,
    notes,
    timing: { analysisSec: matched.analysisSec, metricsSec: (performance.now() - started) / 1000 },
  };
}

/**
 * One model's figures on a dataset from its matched runs: clip metrics on items with a clip label,
 * MS-TCN metrics on items with per-frame truth, detection mAP on items with per-frame or segment
 * truth, and speed from the runs' timings. See [Note: clip prediction] for how runs become predictions.
 */
import type { DatasetItem, LabelMapping } from '../../../shared/datasets.js';
import type { EvalModelResult } from '../../../shared/eval.js';
import type { RegisteredModel } from '../models/index.js';
import type { RunRecord, Store } from '../store/index.js';
import { argmax, clipMetrics, detectionMetrics, percentile, segmentationMetrics, type ScoredSegment, type TimeSegment } from './metrics/index.js';
import { clipScores, frameLabels } from './predictions.js';

export interface ClipOutcome {
  itemId: number;
  truth: number;
  predicted: number;
  runId: number;
}

export interface ModelScore {
  result: EvalModelResult;
  /** Per clip (items with a mapped clip label and a run), in item order. */
  outcomes: ClipOutcome[];
  notes: string[];
}

function truthPerFrame(item: DatasetItem, mapping: LabelMapping, frames: number): Int32Array {
  const truth = new Int32Array(frames).fill(-1);
  for (const run of item.frames ?? []) {
    const cls = mapping.mapped[run.label];
    if (cls !== undefined) truth.fill(cls, run.startFrame, Math.min(run.endFrame, frames));
  }
  return truth;
}

function speedOf(runs: readonly RunRecord[]): EvalModelResult['speed'] {
  const timed = runs.filter((run) => run.timings && typeof run.timings.total === 'number' && run.timings.copiedFromRun === undefined && run.framesDone > 0);
  const totals = timed.map((run) => run.timings!.total!).sort((a, b) => a - b);
  const ms = totals.reduce((a, b) => a + b, 0);
  const frames = timed.reduce((sum, run) => sum + run.framesDone, 0);
  return {
    timedRuns: timed.length,
    framesPerSecond: ms > 0 ? frames / (ms / 1000) : null,
    msPerFrame: frames > 0 ? ms / frames : null,
    videoMsP50: totals.length ? percentile(totals, 50) : null,
    videoMsP95: totals.length ? percentile(totals, 95) : null,
  };
}

export function scoreModel(store: Store, model: RegisteredModel, items: readonly DatasetItem[], runs: ReadonlyMap<number, RunRecord>, mapping: LabelMapping): ModelScore {
  const classes = model.manifest.labels;
  const notes: string[] = [];
  const truths: number[] = [];
  const scores: Float64Array[] = [];
  const outcomes: ClipOutcome[] = [];
  const sequences: { truth: Int32Array; predicted: Int32Array }[] = [];
  const truthSegments: TimeSegment[] = [];
  const predictedSegments: ScoredSegment[] = [];
  let clipItems = 0;
  let mismatched = 0;
  for (const item of items) {
    if (item.label !== null) clipItems++;
    const run = runs.get(item.id);
    if (!run) continue;
    if (run.labels && run.labels.join('\n') !== classes.join('\n')) {
      notes.push(`${model.summary.id}: run ${run.id} was computed with other labels than the model has now; left out`);
      continue;
    }
    const range = store.predictions.readRange(run.id, 0, run.framesDone);
    if (item.label !== null && mapping.mapped[item.label] !== undefined && range.frameCount > 0) {
      const clip = clipScores(range);
      truths.push(mapping.mapped[item.label]!);
      scores.push(clip);
      outcomes.push({ itemId: item.id, truth: mapping.mapped[item.label]!, predicted: argmax(clip), runId: run.id });
    }
    if (item.frames) {
      const truthFrames = item.frames.at(-1)!.endFrame;
      if (truthFrames !== range.frameCount) mismatched++;
      const truth = truthPerFrame(item, mapping, range.frameCount);
      const predicted = frameLabels(range);
      // [Note: unlabelled frames] Frames without truth (gaps, unmapped labels) are left out of the sequence.
      const keep = truth.map((_, f) => f).filter((f) => truth[f]! >= 0);
      sequences.push({ truth: Int32Array.from(keep, (f) => truth[f]!), predicted: Int32Array.from(keep, (f) => predicted[f]!) });
      for (const t of item.frames) if (mapping.mapped[t.label] !== undefined) truthSegments.push({ video: item.path, label: classes[mapping.mapped[t.label]!]!, start: t.startFrame, end: t.endFrame });
      for (const s of store.segments.listForRun(run.id)) predictedSegments.push({ video: item.path, label: s.label, start: s.startFrame, end: s.endFrame, score: s.confidence ?? 0 });
    }
    if (item.segments) {
      for (const t of item.segments) if (mapping.mapped[t.label] !== undefined) truthSegments.push({ video: item.path, label: classes[mapping.mapped[t.label]!]!, start: t.startSec, end: t.endSec });
      for (const s of store.segments.listForRun(run.id)) predictedSegments.push({ video: item.path, label: s.label, start: s.startSec, end: s.endSec, score: s.confidence ?? 0 });
    }
  }
  if (mismatched > 0) notes.push(`${model.summary.id}: ${mismatched} sequence(s) whose truth and run differ in frame count; scored on the frames both have`);
  const clip = truths.length > 0 ? clipMetrics(truths, scores, classes.length) : null;
  const seg = sequences.length > 0 ? segmentationMetrics(sequences) : null;
  const det = truthSegments.length > 0 ? detectionMetrics(truthSegments, predictedSegments) : null;
  const result: EvalModelResult = {
    modelId: model.summary.id,
    name: model.summary.name,
    family: model.manifest.family,
    version: model.summary.version,
    sha256: model.summary.sha256,
    classes: [...classes],
    providers: [...new Set([...runs.values()].map((run) => run.providerUsed ?? run.provider))].sort(),
    unmappedLabels: mapping.unmapped,
    clips: clip && {
      count: clip.clips,
      excluded: clipItems - clip.clips,
      top1: clip.top1,
      top5: clip.top5,
      meanClassAccuracy: clip.meanClassAccuracy,
      perClass: clip.perClass.map((p, c) => ({ label: classes[c]!, ...p })),
      confusion: clip.confusion,
    },
    frames: seg && { sequences: seg.sequences, frames: seg.frames, frameAccuracy: seg.frameAccuracy, edit: seg.edit, f1At10: seg.f1['10'], f1At25: seg.f1['25'], f1At50: seg.f1['50'] },
    detection: det && { thresholds: det.thresholds, mapAt: det.mapAt, averageMap: det.averageMap, perClass: det.perClass },
    speed: speedOf([...runs.values()]),
  };
  return { result, outcomes, notes };
}

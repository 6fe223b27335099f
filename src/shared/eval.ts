/**
 * The evaluation report: what `actionlens eval --json` prints and the reports embed. Stable:
 * fields are only ever added (docs/eval.md describes each); `version` changes if one changes meaning.
 * Percentages are 0..100; null where a figure is undefined (e.g. no per-frame truth).
 */

export interface McNemarResult {
  /** Clips A gets right and B wrong. */
  aOnly: number;
  /** Clips B gets right and A wrong. */
  bOnly: number;
  method: 'exact-binomial' | 'chi-square-cc';
  /** The chi-square statistic (with continuity correction); null for the exact test. */
  statistic: number | null;
  pValue: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface BootstrapResult {
  resamples: number;
  seed: number;
  confidence: number;
  /** Percentile intervals (0..100) of each model's top-1 and of A − B, resampling clips in pairs. */
  a: Interval;
  b: Interval;
  difference: Interval;
}

export const EVAL_REPORT_FORMAT = 'actionlens-eval';
export const EVAL_REPORT_VERSION = 1;

export interface EvalPerClass {
  label: string;
  support: number;
  predicted: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface EvalModelResult {
  modelId: string;
  name: string;
  family: string;
  version: string;
  sha256: string;
  /** The model's classes (confusion matrix order). */
  classes: string[];
  /** Providers that computed this model's runs (e.g. ["cpu"]). */
  providers: string[];
  /** Dataset labels this model has no class for: their clips and frames are left out. */
  unmappedLabels: string[];
  clips: {
    count: number;
    /** Clips left out: their label has no class in this model, or they have no completed run. */
    excluded: number;
    top1: number;
    top5: number;
    meanClassAccuracy: number;
    perClass: EvalPerClass[];
    /** confusion[true][predicted] over `classes`. */
    confusion: number[][];
  } | null;
  frames: {
    sequences: number;
    frames: number;
    frameAccuracy: number;
    edit: number;
    f1At10: number;
    f1At25: number;
    f1At50: number;
  } | null;
  detection: {
    thresholds: number[];
    mapAt: number[];
    averageMap: number;
    perClass: Record<string, number[]>;
  } | null;
  speed: {
    /** Runs computed here (reused copies and synthetic runs without timings are left out). */
    timedRuns: number;
    /** Frames per second over all timed runs (total frames / total wall time). */
    framesPerSecond: number | null;
    /** Wall time per frame, ms. */
    msPerFrame: number | null;
    /** Wall time per video, ms: median and 95th percentile. */
    videoMsP50: number | null;
    videoMsP95: number | null;
  };
}

export interface EvalPairResult {
  a: string;
  b: string;
  /** Clips both models could be scored on. */
  clips: number;
  mcnemar: McNemarResult;
  bootstrap: BootstrapResult;
}

/** One clip's outcome per model: what the confusion cells and the compare view open. */
export interface EvalClip {
  itemId: number;
  path: string;
  videoId: number | null;
  label: string;
  predictions: Record<string, { runId: number; predicted: string; correct: boolean } | null>;
}

/** An item with per-frame truth: what the compare view opens with its ground-truth track. */
export interface EvalSequence {
  itemId: number;
  path: string;
  videoId: number | null;
  /** Runs of the truth's labels over half-open frame ranges (dataset labels). */
  truth: { label: string; startFrame: number; endFrame: number }[];
  /** Model id → the run scored (null when the model has none for this item). */
  runs: Record<string, number | null>;
}

export interface EvalReport {
  format: typeof EVAL_REPORT_FORMAT;
  version: typeof EVAL_REPORT_VERSION;
  createdAt: string;
  app: { name: 'actionlens'; version: string };
  machine: { platform: string; arch: string; cpus: string; node: string };
  dataset: { id: number; name: string; format: string; fingerprint: string; split: string | null; items: number; mapping: Record<string, string> };
  /** The analysis request every run was matched against (sampling, post-processing, provider asked for). */
  parameters: { sampling: { stride: number; windowStride: number }; postprocess: unknown; provider: string };
  /** How predictions were made from per-frame runs (docs/eval.md). */
  method: { clipPrediction: string; framePrediction: string; detection: string; bootstrap: { resamples: number; seed: number } };
  models: EvalModelResult[];
  pairs: EvalPairResult[];
  clips: EvalClip[];
  sequences: EvalSequence[];
  /** Things the reader should know: missing runs, frame count mismatches, unmapped labels. */
  notes: string[];
  /** Seconds spent: computing missing runs, then the metrics. */
  timing: { analysisSec: number; metricsSec: number };
}

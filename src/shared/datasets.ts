/** Labelled datasets (named sets of videos with ground truth) as the CLI, the API and the UI see them. */

export const DATASET_FORMATS = ['folder', 'csv', 'frames', 'activitynet', 'generated', 'labels-json'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Per-frame ground truth as runs of one label over half-open frame ranges. */
export interface FrameTruth {
  label: string;
  startFrame: number;
  endFrame: number;
}

/** Segment ground truth in seconds (ActivityNet style); may leave time unlabelled. */
export interface TimeTruth {
  label: string;
  startSec: number;
  endSec: number;
}

export interface DatasetItem {
  id: number;
  /** Absolute path of the video. */
  path: string;
  /** The library's content fingerprint of the file when it was imported. */
  fingerprint: string;
  /** e.g. train, test, validation; null when the dataset has no splits. */
  split: string | null;
  /** The clip's label; null for items with only per-frame or segment truth. */
  label: string | null;
  frames: FrameTruth[] | null;
  segments: TimeTruth[] | null;
}

export interface DatasetSummary {
  id: number;
  name: string;
  format: DatasetFormat;
  /** What was imported: a folder or a file. */
  source: string;
  /** SHA-256 over every item's file fingerprint, split and truth: equal fingerprints mean the same dataset. */
  fingerprint: string;
  /** Every label in the truth, sorted. */
  labels: string[];
  /** Explicit dataset label → model class mapping (labels not listed map to the class of the same name). */
  mapping: Record<string, string>;
  itemCount: number;
  /** Item count per split ("" for items without one). */
  splits: Record<string, number>;
  createdAt: string;
}

/** What `datasets.import` reports: the dataset, and the files it skipped. */
export interface DatasetImportResult {
  dataset: DatasetSummary;
  skipped: string[];
}

/** How a dataset's labels meet one model's classes. */
export interface LabelMapping {
  modelId: string;
  /** Dataset label → model class index. */
  mapped: Record<string, number>;
  /** Dataset labels with no class of the model: their clips and frames are left out of its metrics. */
  unmapped: string[];
}

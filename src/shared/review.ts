/** Sources, alert rules and review items: the security review queue's types (issue 13). */

/** A folder of one camera's recordings (or a tree of them), analysed with its models at its stride. */
export interface ReviewSource {
  id: number;
  name: string;
  /** Absolute folder path. */
  path: string;
  /** Subfolders too (a tree of cameras). */
  recursive: boolean;
  modelIds: string[];
  /** Analyse every `stride`-th frame (the engine's sampling stride). */
  stride: number;
  createdAt: string;
  /** The desktop app and `actionlens serve` watch its folder (new and growing files analysed); kept across restarts. */
  watching: boolean;
  /** The last problem watching it (folder missing, a recording that failed), until a scan succeeds. */
  watchError: string | null;
}

/** A daily window in local time, 'HH:MM'–'HH:MM'; end before start wraps midnight (22:00–06:00). */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface AlertRuleSettings {
  /** Class labels of interest; empty means every class. */
  classes: string[];
  /** Segments below this confidence do not alert. */
  minConfidence: number;
  /** Segments shorter than this (seconds) do not alert. */
  minDurationSec: number;
  /** Alerts only inside these windows; empty means all day. */
  windows: TimeWindow[];
  /** Seconds shown before the first and after the last matching segment. */
  preRollSec: number;
  postRollSec: number;
  /** Matching segments closer than this (seconds) become one item. */
  mergeGapSec: number;
}

export interface AlertRule extends AlertRuleSettings {
  id: number;
  sourceId: number;
  name: string;
  createdAt: string;
}

export type ReviewVerdict = 'reviewed' | 'false_alarm';

export interface ReviewItem {
  id: number;
  sourceId: number;
  sourceName: string;
  ruleId: number;
  videoId: number;
  videoPath: string;
  runId: number;
  modelId: string;
  /** The item's span in the video (seconds), rolls included. */
  startSec: number;
  endSec: number;
  /** Wall-clock start (ISO-8601 UTC) and local day (YYYY-MM-DD). */
  startedAt: string;
  day: string;
  /** Best confidence among its segments. */
  score: number;
  /** Its classes, best first. */
  classes: string[];
  /** The frame with the best segment's middle: the thumbnail's frame. */
  peakFrame: number;
  peakSec: number;
  segmentCount: number;
  /** People tracked in the span when the video has a pose run; null otherwise. */
  people: number | null;
  verdict: ReviewVerdict | null;
  reviewedAt: string | null;
  note: string;
}

export interface ReviewFilter {
  sourceId?: number;
  className?: string;
  day?: string;
  state?: 'all' | 'unreviewed' | 'reviewed' | 'false_alarm';
  offset?: number;
  limit?: number;
}

export interface ReviewCount {
  day: string;
  sourceId: number;
  sourceName: string;
  total: number;
  unreviewed: number;
}

export interface ReviewPage {
  items: ReviewItem[];
  /** Items matching the filter (all pages). */
  total: number;
  unreviewedTotal: number;
}

/** What a changed confidence threshold would have done to a rule's past items and kept false alarms. */
export interface ThresholdImpact {
  minConfidence: number;
  /** Items stored now under the rule. */
  items: number;
  /** Of those, the ones whose score is below the new threshold: gone with it. */
  removedItems: number;
  /** Of the removed, how many had been confirmed (reviewed, not false alarms): real alerts lost. */
  removedReviewed: number;
  /** Kept false alarms (per class) the new threshold would have suppressed, of all kept. */
  removedFalseAlarms: number;
  falseAlarms: number;
}

/** The files of an exported incident. */
export interface IncidentExport {
  dir: string;
  clip: string;
  /** 'copy': the streams cut without re-encoding (starts at the keyframe before the span); 'encode': re-encoded to H.264. */
  clipMode: 'copy' | 'encode';
  /** Where the clip starts in the video (seconds): a copy starts at the keyframe at or before the item. */
  clipStartSec: number;
  snapshot: string;
  segmentsCsv: string;
  provenance: string;
}

/**
 * The `review.changed` event: items were made or recomputed (`items`, a run completed or a rule
 * changed), triaged (`triage`: marked, noted), or sources changed (`sources`: added, removed,
 * watched, a watch problem). The queue and the unreviewed count reload on it.
 */
export const REVIEW_CHANGE_REASONS = ['items', 'triage', 'sources'] as const;
export interface ReviewChange {
  reason: (typeof REVIEW_CHANGE_REASONS)[number];
  sourceId?: number;
}

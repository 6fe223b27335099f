import type { AlertRuleSettings, TimeWindow } from '../../../shared/review.js';

/** A model segment as grouping needs it (seconds in the video, frames for the thumbnail). */
export interface CandidateSegment {
  id: number;
  label: string;
  startFrame: number;
  endFrame: number;
  startSec: number;
  endSec: number;
  confidence: number;
}

/** A group of matching segments: one review item before it is stored. */
export interface GroupedItem {
  startSec: number;
  endSec: number;
  score: number;
  /** Distinct labels, best confidence first. */
  classes: string[];
  peakFrame: number;
  peakSec: number;
  segmentIds: number[];
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of 'HH:MM'; throws naming the value when it is not a time. */
export function parseClock(value: string): number {
  const match = HHMM.exec(value);
  if (!match) throw new Error(`"${value}" is not a time of day (HH:MM, 00:00–23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Whether a minute of the day falls in a window; a window whose end is before its start wraps midnight. */
export function inWindow(minute: number, window: TimeWindow): boolean {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === end) return true;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** Local minute of the day of an epoch time (the rule's windows are in the machine's local time). */
export function localMinuteOfDay(epochMs: number): number {
  const date = new Date(epochMs);
  return date.getHours() * 60 + date.getMinutes();
}

export interface MatchContext {
  /** Wall-clock time of the video's first frame (epoch ms). */
  recordingStartMs: number;
  /** Minute of the day of an epoch time; default local time. */
  minuteOfDay?: (epochMs: number) => number;
}

/** The segments that alert under a rule: class of interest, confident, long enough, at a watched time. */
export function matchSegments(segments: readonly CandidateSegment[], rule: AlertRuleSettings, context: MatchContext): CandidateSegment[] {
  const classes = new Set(rule.classes);
  const minuteOf = context.minuteOfDay ?? localMinuteOfDay;
  return segments.filter((s) => {
    if (classes.size > 0 && !classes.has(s.label)) return false;
    if (s.confidence < rule.minConfidence) return false;
    if (s.endSec - s.startSec < rule.minDurationSec) return false;
    if (rule.windows.length === 0) return true;
    const minute = minuteOf(context.recordingStartMs + s.startSec * 1000);
    return rule.windows.some((w) => inWindow(minute, w));
  });
}

/**
 * Matching segments → review items: segments (of any class) whose gap is at most `mergeGapSec`
 * become one item, which then gets the pre/post roll, clipped to [0, durationSec].
 * [Note: merging is on the segments' own spans, before the rolls, so rolls never chain items.]
 */
export function groupSegments(matches: readonly CandidateSegment[], rule: Pick<AlertRuleSettings, 'preRollSec' | 'postRollSec' | 'mergeGapSec'>, durationSec: number): GroupedItem[] {
  const sorted = [...matches].sort((a, b) => a.startSec - b.startSec || a.id - b.id);
  const groups: CandidateSegment[][] = [];
  let end = -Infinity;
  for (const segment of sorted) {
    const current = groups.at(-1);
    if (current && segment.startSec - end <= rule.mergeGapSec) {
      current.push(segment);
      end = Math.max(end, segment.endSec);
    } else {
      groups.push([segment]);
      end = segment.endSec;
    }
  }
  return groups.map((group) => toItem(group, rule, durationSec));
}

function toItem(group: CandidateSegment[], rule: Pick<AlertRuleSettings, 'preRollSec' | 'postRollSec'>, durationSec: number): GroupedItem {
  const peak = group.reduce((best, s) => (s.confidence > best.confidence ? s : best));
  const bestByClass = new Map<string, number>();
  for (const s of group) bestByClass.set(s.label, Math.max(bestByClass.get(s.label) ?? 0, s.confidence));
  const start = Math.min(...group.map((s) => s.startSec));
  const end = Math.max(...group.map((s) => s.endSec));
  const limit = durationSec > 0 ? durationSec : end + rule.postRollSec;
  return {
    startSec: Math.max(0, start - rule.preRollSec),
    endSec: Math.min(limit, end + rule.postRollSec),
    score: peak.confidence,
    classes: [...bestByClass.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label]) => label),
    peakFrame: Math.floor((peak.startFrame + peak.endFrame - 1) / 2),
    peakSec: (peak.startSec + peak.endSec) / 2,
    segmentIds: group.map((s) => s.id),
  };
}

/** Rule + segments → items, the whole pure path. */
export function reviewItemsFor(segments: readonly CandidateSegment[], rule: AlertRuleSettings, context: MatchContext & { durationSec: number }): GroupedItem[] {
  return groupSegments(matchSegments(segments, rule, context), rule, context.durationSec);
}

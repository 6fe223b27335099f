/** Tagging: editable annotation tracks, their label sets (code-window buttons), edits and proposal decisions. */

/** One label of a track's set: a code-window button. */
export interface TrackLabel {
  name: string;
  /** CSS colour, e.g. `#e4572e`. */
  color: string;
  /** One key (a letter or digit) that starts/ends an instance of this label; null for none. */
  hotkey: string | null;
  /** `toggle`: the first press starts an instance, the next ends it. `fixed`: one press makes an instance of `fixedSec`. */
  mode: 'toggle' | 'fixed';
  fixedSec: number;
  /** Seconds added before the start press (lead) and after the end press (lag). */
  leadSec: number;
  lagSec: number;
}

/** A segment of an editable track: half-open frames [startFrame, endFrame). */
export interface TagSegment {
  id: number;
  label: string;
  startFrame: number;
  endFrame: number;
}

export type Edge = 'start' | 'end';

/**
 * One edit to a track, as sent by the UI or the CLI. The core applies it with the pure functions
 * of `edits.ts` and stores the result in one transaction.
 */
export type TagEdit =
  | { op: 'create'; label: string; startFrame: number; endFrame: number }
  | { op: 'setEdge'; id: number; edge: Edge; frame: number; snap?: boolean }
  | { op: 'move'; id: number; deltaFrames: number }
  | { op: 'split'; id: number; atFrame: number }
  | { op: 'merge'; id: number; withId: number }
  | { op: 'relabel'; id: number; label: string }
  | { op: 'delete'; id: number }
  | { op: 'nudge'; id: number; edge: Edge; delta: 1 | -1 };

/** A track with its labels and segments: what the tagging screen shows. */
export interface TrackState {
  trackId: number;
  name: string;
  videoId: number;
  labels: TrackLabel[];
  segments: TagSegment[];
  /** Frames in the video (edges are clamped to [0, frameCount]). */
  frameCount: number;
  fps: number;
  canUndo: boolean;
  canRedo: boolean;
}

export const DECISIONS = ['accept', 'reject', 'trim'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** What the analyst did with one model proposal: a correction that can be exported. */
export interface ProposalDecision {
  id: number;
  trackId: number;
  runId: number;
  /** The run's segment that was proposed. */
  proposalId: number;
  decision: DecisionKind;
  labelBefore: string;
  labelAfter: string | null;
  startBefore: number;
  endBefore: number;
  startAfter: number | null;
  endAfter: number | null;
  /** The track segment an accept or trim made. */
  segmentId: number | null;
  decidedAt: string;
}

/** A run segment offered on a track, with the decision taken on it (null while open). */
export interface Proposal {
  id: number;
  label: string;
  startFrame: number;
  endFrame: number;
  confidence: number;
  decision: DecisionKind | null;
}

/** One clip written by `clips.export`: copied (both cuts on keyframes) or re-encoded. */
export interface ClipFile {
  label: string;
  startSec: number;
  endSec: number;
  mode: 'copy' | 'reencode';
  frames: number;
  file: string;
}

export interface ClipExportResult {
  exportId: number;
  clips: ClipFile[];
  reel: string | null;
}

export interface ClipProgress {
  exportId: number;
  done: number;
  total: number;
  file: string;
}

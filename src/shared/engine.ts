/**
 * What the analysis engine reports to every screen and the CLI: models, jobs, runs, progress and
 * per-frame probabilities. Produced by src/main/core/{models,analysis}; plain data only.
 */
import type { Segment } from './analysis.js';
import type { SerializedError } from './errors.js';
import type { ModelFamily } from './manifest.js';
import type { RunParams } from './run-params.js';

/**
 * The model used when none is named (CLI) and preselected in the UI: pose-stgcn, the skeleton family
 * that does best on real footage (models/RESULTS.md, real-dev through `actionlens eval`: 87.5% clip
 * top-1, 86.4% mean class accuracy, against two-stream's 37.5% and 31.8%) and on the synthetic test
 * (92.2%). It reads the video's pose run (computed first when missing), labels each tracked person
 * with a 32-frame causal window, and the frame's labels are the union over people. The RGB families
 * (two-stream is the best on rendered figures, 90.6% clip top-1) stay for research comparisons:
 * they learned the renderer.
 */
export const DEFAULT_MODEL_ID = 'pose-stgcn';

export interface ModelSummary {
  id: string;
  name: string;
  version: string;
  family: ModelFamily;
  architecture: string;
  labels: string[];
  /** Folder holding manifest.json and model.onnx. */
  dir: string;
  sha256: string;
  /** Frames (RGB models) or one tracked person's keypoints from the video's pose run (skeleton models). */
  input: 'frames' | 'keypoints';
  /** Model input frame size (0 × 0 for a skeleton model). */
  inputWidth: number;
  inputHeight: number;
  /** What the model was trained on and how it did on real footage, in words (src/main/core/models/training-note.ts); null: unknown. */
  trainedOn: string | null;
  /** Clip and two-stream models: frames per clip and the step between them. */
  clip: { length: number; frameInterval: number } | null;
}

/**
 * One tracked person's label track in a skeleton run (runs.people): frames [firstFrame, endFrame)
 * of the run, segments derived from that person's own probabilities with the run's post-processing.
 */
export interface PersonLane {
  trackId: number;
  firstFrame: number;
  endFrame: number;
  segments: Segment[];
}

/** A folder under a model path that holds no usable model, and why. */
export interface ModelProblem {
  dir: string;
  message: string;
}

/** A run's status as stored (the runs table's CHECK constraint lists the same). */
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** `paused`: stopped at a chunk boundary by analysis.pause; its run is queued (resumable) until analysis.resume. */
export const JOB_STATES = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobSummary {
  id: number;
  videoId: number;
  videoPath: string;
  modelId: string;
  state: JobState;
  /** The stored run, once the job has created or found it. */
  runId: number | null;
  /** `fresh`, `resumed` from a committed frame, or `reused` (an identical completed run existed). */
  origin: 'fresh' | 'resumed' | 'reused' | null;
  resumedFromFrame: number | null;
  framesDone: number;
  frameCount: number | null;
  /** The execution provider actually used. */
  provider: string | null;
  /** Fallbacks worth telling a person, e.g. "cuda could not start (…); using cpu instead". */
  notices: string[];
  error: SerializedError | null;
}

export interface AnalysisProgress {
  jobId: number;
  runId: number;
  framesDone: number;
  frameCount: number | null;
  /** Frames per second over this job's own frames (a resumed run counts only what it computed). */
  fps: number;
  /** Seconds left at the current rate; null while unknown. */
  etaSec: number | null;
}

export interface RunSummary {
  id: number;
  videoId: number;
  modelId: string;
  status: RunStatus;
  framesDone: number;
  frameCount: number | null;
  provider: string;
  providerUsed: string | null;
  threads: Record<string, number> | null;
  timings: Record<string, number> | null;
  alignment: string | null;
  params: RunParams;
  createdAt: string;
  finishedAt: string | null;
  error: SerializedError | null;
  /** The video's file changed (another fingerprint) since this run was computed: its labels describe the old content. */
  videoChanged: boolean;
  /** Frames the decoder could not decode (a damaged file), as ranges in frame order: no label; a timeline draws them as gaps. */
  gaps: FrameGap[];
  /** Total frames in `gaps`. */
  gapFrames: number;
}

/** Frames [startFrame, startFrame + frameCount). */
export interface FrameGap {
  startFrame: number;
  frameCount: number;
}

/** Per-frame probabilities of a frame range, reduced to at most `points` evenly spaced points. */
export interface ProbabilitySeries {
  runId: number;
  labels: string[];
  startFrame: number;
  endFrame: number;
  /** First frame of each point's bucket; a point covers [frames[i], frames[i + 1]). */
  frames: number[];
  /** points × classes, point-major: the mean (or max) over the bucket. */
  probs: number[];
  reduce: 'mean' | 'max';
}

/**
 * A run's segments changed as chunks committed (the `runs.segmentsChanged` event): every segment
 * starting at or after `fromFrame` is replaced by `segments`. Applied in order from the run's
 * stored segments, they give its final segments; `final` marks the last update of a run.
 */
export interface RunSegmentsUpdate {
  runId: number;
  fromFrame: number;
  segments: Segment[];
  framesDone: number;
  final: boolean;
}

/** The segments after an update (see RunSegmentsUpdate): the UI applies updates the same way. */
export function applySegmentsUpdate(segments: readonly Segment[], update: Pick<RunSegmentsUpdate, 'fromFrame' | 'segments'>): Segment[] {
  return [...segments.filter((segment) => segment.startFrame < update.fromFrame), ...update.segments];
}

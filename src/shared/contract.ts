/**
 * The API contract: every call between renderer and main declared once — its name, the zod
 * schema of its arguments and the type of its result — and every event likewise. The Electron
 * shell binds it to IPC, the web host to HTTP/WebSocket; both validate with `parseCallArgs`.
 */
import { z } from 'zod';
import type { CallName, EventName } from './channels.js';
import { AppError, type SerializedError } from './errors.js';
import type { AddToLibraryReport, AnnotationTrackSummary, AppInfo, PlaybackSource, ProxyProgress, VideoSummary } from './library.js';
import type { VideoProbe } from './media.js';
import { EXECUTION_PROVIDERS, postprocessSchema, samplingSchema, type Segment } from './analysis.js';
import type { AnalysisProgress, JobSummary, ModelProblem, ModelSummary, PersonLane, ProbabilitySeries, RunSegmentsUpdate, RunSummary } from './engine.js';
import { MODEL_IMPORT_STAGES, type ModelDetails, type ModelImportResult, type ModelPreset } from './models.js';
import { DEFAULT_POSE_SETTINGS, POSE_MODELS } from './pose.js';
import type { KinematicsSeriesPayload, PoseFramesPayload, TrackPresence } from './pose-run.js';
import { DATASET_FORMATS, type DatasetImportResult, type DatasetSummary } from './datasets.js';
import type { EvalReport } from './eval.js';
import { clipExportArgs, tagCallArgs } from './tagging/schemas.js';
import type { ClipExportResult, ClipProgress, Proposal, ProposalDecision, TrackState } from './tagging/types.js';
import { alertRuleSettingsSchema, reviewSourceSchema } from './review-schema.js';
import { REVIEW_CHANGE_REASONS, type AlertRule, type IncidentExport, type ReviewCount, type ReviewItem, type ReviewPage, type ReviewSource, type ThresholdImpact } from './review.js';
import { analysisPlaceArgs, type AnalysisPlaceView } from './scaleout.js';

/** What the shell shows when the core's process stopped and is started again (the `core.host` event). */
export type CoreHostStatus = { state: 'restarting'; reason: string } | { state: 'running'; pid: number };

export interface CallSpec<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type only. */
  result?: R;
}

const call = <A extends z.ZodType>(args: A) => ({
  returns: <R>(): CallSpec<A, R> => ({ args }),
});

const filePath = z.string().min(1, 'must not be empty').max(4096, 'is longer than 4096 characters');
const videoId = z.number().int().positive();
const runId = z.number().int().positive();
const frame = z.number().int().min(0);
const modelId = z.string().min(1, 'must not be empty').max(200);
const jobIds = z.array(z.number().int().positive()).min(1, 'must name at least one job').max(10_000);

const modelImportArgs = z
  .object({
    modelPath: filePath,
    manifestPath: filePath.optional(),
    preset: z.string().min(1, 'must not be empty').max(100).optional(),
    id: modelId.optional(),
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    labelsPath: filePath.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    // Exactly one source for the manifest; name and labels only make sense with a preset.
    if (r.manifestPath === undefined && r.preset === undefined) ctx.addIssue({ code: 'custom', path: ['manifestPath'], message: 'give a manifest file or a preset (one of the two)' });
    if (r.manifestPath !== undefined && r.preset !== undefined) ctx.addIssue({ code: 'custom', path: ['preset'], message: 'give a manifest file or a preset, not both' });
    if (r.manifestPath !== undefined && r.name !== undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'goes with a preset; with a manifest file, edit the manifest' });
    if (r.manifestPath !== undefined && r.labelsPath !== undefined) ctx.addIssue({ code: 'custom', path: ['labelsPath'], message: 'goes with a preset; with a manifest file, edit the manifest' });
  });

const fileFilter = z
  .object({ name: z.string().min(1).max(100), extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'must be an extension without its dot, or *')).min(1).max(20) })
  .strict();

const orderedRange = (r: { startFrame?: number; endFrame?: number }) => r.startFrame === undefined || r.endFrame === undefined || r.endFrame >= r.startFrame;
const frameRangeIssue = { message: 'must not be before startFrame', path: ['endFrame'] };

export const calls = {
  'app.info': call(z.object({}).strict()).returns<AppInfo>(),
  /** Where new analysis jobs compute (here, on headless workers through Redis, or both) and whether the queue answers; never the password. */
  'settings.analysisPlace': call(z.object({}).strict()).returns<AnalysisPlaceView>(),
  /**
   * Changes it for the jobs started from now on (running ones finish where they are), after checking
   * that the queue answers; stored in the data folder. A bad URL or a Redis that does not answer is a
   * one-line INVALID_ARGUMENT naming the field, and nothing changes.
   */
  'settings.setAnalysisPlace': call(analysisPlaceArgs).returns<AnalysisPlaceView>(),
  'library.list': call(z.object({}).strict()).returns<VideoSummary[]>(),
  'library.add': call(z.object({ paths: z.array(filePath).min(1, 'must name at least one file or folder') }).strict()).returns<AddToLibraryReport>(),
  'library.remove': call(z.object({ id: videoId }).strict()).returns<{ removed: boolean }>(),
  /** Points a video whose file moved at its new path; refused unless the file there has the same content fingerprint. */
  'library.locate': call(z.object({ id: videoId, path: filePath }).strict()).returns<VideoSummary>(),
  /** How to play a video; starts making its H.264 proxy when Chromium cannot play the original (progress: `media.proxy` events). */
  'media.playback': call(z.object({ videoId }).strict()).returns<PlaybackSource>(),
  /**
   * Each frame's presentation time (seconds) for a variable-frame-rate video, in the engine's frame
   * order, so the player names the frame the model labelled; `times` is null for constant frame
   * rates (frame n starts at n / fps).
   */
  'media.frameTimes': call(z.object({ videoId }).strict()).returns<{ times: number[] | null }>(),
  'media.probe': call(z.object({ path: filePath }).strict()).returns<VideoProbe>(),
  'dialog.openVideos': call(z.object({ folders: z.boolean().default(false) }).strict()).returns<string[]>(),
  /** One file chosen in a native dialog (desktop only; the web host answers 404): `path` is null when cancelled. */
  'dialog.openFile': call(z.object({ title: z.string().max(200).optional(), filters: z.array(fileFilter).max(10).default([]) }).strict()).returns<{ path: string | null }>(),
  /** The usable models, and the folders that hold a model ActionLens refused (with the reason). `refresh` scans the folders again. */
  'models.list': call(z.object({ refresh: z.boolean().default(false) }).strict()).returns<{ models: ModelSummary[]; problems: ModelProblem[] }>(),
  /**
   * Checks an ONNX model against its manifest (a file) or a preset, runs it once on zeros, copies it
   * into <data folder>/models and registers it. Stages arrive as `models.importStage` events; then
   * `models.changed`. A refusal names the field, what was expected and what was found.
   */
  'models.import': call(modelImportArgs).returns<ModelImportResult>(),
  /** Unregisters an imported model and deletes its copy; refuses default models and models with stored runs. */
  'models.remove': call(z.object({ id: modelId }).strict()).returns<{ id: string; dir: string }>(),
  /** A model's manifest, origin and weights size. */
  'models.show': call(z.object({ id: modelId }).strict()).returns<ModelDetails>(),
  /** The presets `models.import` knows, with their documented preprocessing. */
  'models.presets': call(z.object({}).strict()).returns<ModelPreset[]>(),
  /**
   * Queues one job per video × model. Identical work already stored is reused, a run that
   * differs only in post-processing copies the stored probabilities (no model run), and an
   * interrupted run resumes. Progress arrives as `analysis.job` and `analysis.progress` events.
   */
  'analysis.start': call(
    z
      .object({
        videoIds: z.array(videoId).min(1, 'must name at least one video'),
        modelIds: z.array(modelId).min(1, 'must name at least one model'),
        sampling: samplingSchema.optional(),
        postprocess: postprocessSchema.optional(),
        provider: z.enum(EXECUTION_PROVIDERS).optional(),
        hwaccel: z.boolean().optional(),
      })
      .strict(),
  ).returns<JobSummary[]>(),
  'analysis.cancel': call(z.object({ jobId: z.number().int().positive() }).strict()).returns<{ cancelled: boolean }>(),
  /** Jobs of this session, oldest first, with their state. */
  'analysis.jobs': call(z.object({}).strict()).returns<JobSummary[]>(),
  /**
   * Pauses jobs: a queued one waits, a running one stops at a chunk boundary with its run requeued
   * (resumable exactly as an interrupted run). Answers once they are paused, with the named jobs as
   * they are then (a finished job is left as it is).
   */
  'analysis.pause': call(z.object({ jobIds: jobIds }).strict()).returns<JobSummary[]>(),
  /** Queues paused jobs again; each run resumes from its last committed chunk. Answers with the named jobs. */
  'analysis.resume': call(z.object({ jobIds: jobIds }).strict()).returns<JobSummary[]>(),
  /** A video's stored runs, oldest first. */
  'runs.listForVideo': call(z.object({ videoId }).strict()).returns<RunSummary[]>(),
  /**
   * A run's stored segments overlapping [startFrame, endFrame) (all by default); partial while the run is running.
   * With `maxSegments` (a timeline's width in pixels), a range holding more is reduced to at most that many
   * (level of detail: each bucket shows its dominant label), so a 3-hour video stays cheap to draw.
   */
  'runs.segments': call(
    z
      .object({ runId, startFrame: frame.optional(), endFrame: frame.optional(), maxSegments: z.number().int().min(1).max(20_000).optional() })
      .strict()
      .refine(orderedRange, frameRangeIssue),
  ).returns<Segment[]>(),
  /** Per-frame probabilities of [startFrame, endFrame) (default: every stored frame) reduced to at most `points` points. */
  'runs.probabilities': call(
    z
      .object({
        runId,
        startFrame: frame.optional(),
        endFrame: frame.optional(),
        points: z.number().int().min(1).max(20_000),
        reduce: z.enum(['mean', 'max']).default('mean'),
      })
      .strict()
      .refine(orderedRange, frameRangeIssue),
  ).returns<ProbabilitySeries>(),
  /** A skeleton run's label track per tracked person (segments from that person's probabilities, the run's post-processing); empty for other runs. */
  'runs.people': call(z.object({ runId }).strict()).returns<PersonLane[]>(),
  /** Segments re-derived from the stored probabilities with other post-processing; a preview, nothing is stored (to keep them, start the same analysis with these options: it copies, never recomputes). */
  'runs.rederive': call(z.object({ runId, postprocess: postprocessSchema }).strict()).returns<Segment[]>(),
  /** Deletes a finished run with its probabilities and segments; a queued or running one is cancelled first. */
  'runs.delete': call(z.object({ runId }).strict()).returns<{ deleted: boolean }>(),
  /** A video's annotation tracks (ground truth, hand-made), oldest first. */
  'annotations.listForVideo': call(z.object({ videoId }).strict()).returns<AnnotationTrackSummary[]>(),
  /** An annotation track's segments overlapping [startFrame, endFrame), reduced to `maxSegments` like runs.segments. */
  'annotations.segments': call(
    z
      .object({ trackId: z.number().int().positive(), startFrame: frame.optional(), endFrame: frame.optional(), maxSegments: z.number().int().min(1).max(20_000).optional() })
      .strict()
      .refine(orderedRange, frameRangeIssue),
  ).returns<Segment[]>(),
  /** Imports a labels file (the dataset's `*.labels.json` format: `segments` of label, startFrame, endFrame) as a new track. */
  'annotations.import': call(z.object({ videoId, path: filePath, name: z.string().trim().min(1).max(200).optional() }).strict()).returns<AnnotationTrackSummary>(),
  /**
   * Queues one pose job per video (people found, tracked and their COCO-17 keypoints stored as a
   * pose run); identical settings on identical content reuse the stored run. Events as analysis.start.
   */
  'pose.start': call(
    z
      .object({
        videoIds: z.array(videoId).min(1, 'must name at least one video'),
        model: z.enum(POSE_MODELS).default(DEFAULT_POSE_SETTINGS.model),
        maxPeople: z.number().int().min(1).max(64).default(DEFAULT_POSE_SETTINGS.maxPeople),
        minPersonScore: z.number().min(0).max(1).default(DEFAULT_POSE_SETTINGS.minPersonScore),
        provider: z.enum(EXECUTION_PROVIDERS).optional(),
      })
      .strict(),
  ).returns<JobSummary[]>(),
  /** A video's pose runs, oldest first. */
  'pose.runs': call(z.object({ videoId }).strict()).returns<RunSummary[]>(),
  /** The people on the stored frames of [startFrame, endFrame) (at most 5000 frames), packed as base64 typed arrays (see PoseFramesPayload). */
  'pose.frames': call(z.object({ runId, startFrame: frame, endFrame: frame }).strict().refine(orderedRange, frameRangeIssue)).returns<PoseFramesPayload>(),
  /** When each track of a pose run holds a person (frame spans). */
  'pose.tracks': call(z.object({ runId }).strict()).returns<TrackPresence[]>(),
  /** One track's joint angles (degrees) and speeds (px/s, torso lengths/s) per frame of [startFrame, endFrame) (at most 20,000 frames from startFrame); null marks a gap. */
  'pose.kinematics': call(
    z
      .object({
        runId,
        trackId: z.number().int().min(0),
        startFrame: frame.optional(),
        endFrame: frame.optional(),
        smoothFrames: z.number().int().min(1).max(61).refine((n) => n % 2 === 1, 'must be odd').optional(),
        minScore: z.number().min(0).max(1).optional(),
      })
      .strict()
      .refine(orderedRange, frameRangeIssue),
  ).returns<KinematicsSeriesPayload>(),
  /** Labelled datasets, by name (docs/eval.md). */
  'datasets.list': call(z.object({}).strict()).returns<DatasetSummary[]>(),
  /** Imports a labelled dataset (format detected unless given); every malformed entry is named by file and line, and nothing is stored then. */
  'datasets.import': call(
    z
      .object({
        path: filePath,
        name: z.string().trim().min(1).max(200).optional(),
        format: z.enum(DATASET_FORMATS).optional(),
        splitsDir: filePath.optional(),
        labelsDir: filePath.optional(),
        videosDir: filePath.optional(),
      })
      .strict(),
  ).returns<DatasetImportResult>(),
  /** Sets (`set`: dataset label → model class) and removes (`unset`) explicit label mapping entries. */
  'datasets.map': call(z.object({ dataset: z.string().min(1), set: z.record(z.string().min(1), z.string().min(1)).default({}), unset: z.array(z.string().min(1)).default([]) }).strict()).returns<DatasetSummary>(),
  'datasets.remove': call(z.object({ dataset: z.string().min(1) }).strict()).returns<{ removed: DatasetSummary }>(),
  /** Evaluates models on a dataset (computing missing runs; progress as `analysis.job` events); `reportId` names the report for eval.export. */
  'eval.run': call(z.object({ dataset: z.string().min(1), modelIds: z.array(modelId).min(1, 'must name at least one model'), split: z.string().min(1).optional() }).strict()).returns<{ reportId: number; report: EvalReport }>(),
  /** A report of this session as a self-contained HTML page, CSV or JSON, to download. */
  'eval.export': call(z.object({ reportId: z.number().int().positive(), format: z.enum(['html', 'csv', 'json']) }).strict()).returns<{ fileName: string; mime: string; text: string }>(),
  /** An editable track: its label set (code-window buttons), segments, and whether undo/redo can act. */
  'tags.state': call(tagCallArgs.state).returns<TrackState>(),
  /** A new, empty editable track with its label set. */
  'tags.createTrack': call(tagCallArgs.createTrack).returns<TrackState>(),
  'tags.renameTrack': call(tagCallArgs.renameTrack).returns<TrackState>(),
  /** Deletes a track with its segments and decisions. */
  'tags.deleteTrack': call(tagCallArgs.state).returns<{ deleted: boolean }>(),
  /** Replaces a track's label set (names unique, hotkeys unique). */
  'tags.setLabels': call(tagCallArgs.setLabels).returns<TrackState>(),
  /** One edit (create, setEdge, move, split, merge, relabel, delete, nudge), stored in one transaction and undoable; `snapRunId`: dragged edges snap to that run's segment edges. */
  'tags.edit': call(tagCallArgs.edit).returns<TrackState & { changedIds: number[] }>(),
  'tags.undo': call(tagCallArgs.state).returns<TrackState>(),
  'tags.redo': call(tagCallArgs.state).returns<TrackState>(),
  /** A run's segments offered as proposals on a track, each with the decision taken on it. */
  'tags.proposals': call(tagCallArgs.proposals).returns<Proposal[]>(),
  /** Accept (copy into the track), trim (copy with new edges) or reject a proposal; recorded and undoable. */
  'tags.decide': call(tagCallArgs.decide).returns<{ decision: ProposalDecision | null; state: TrackState }>(),
  /** A track's proposal decisions, oldest first, and the same as CSV (the corrections export). */
  'tags.corrections': call(tagCallArgs.state).returns<{ decisions: ProposalDecision[]; csv: string }>(),
  /** A track or a run as CSV, JSON, ELAN .eaf, Sportscode XML or LongoMatch CSV text, with a file name to save it under. */
  'tags.export': call(tagCallArgs.export).returns<{ text: string; fileName: string }>(),
  /** Reads such a file into new tracks of the video (format from the file name unless given). */
  'tags.import': call(tagCallArgs.import).returns<{ trackIds: number[] }>(),
  /** Cuts a track's or run's segments (filtered by label and confidence) into clips in `outDir`, optionally a highlight reel; progress as `clips.progress` events. */
  'clips.export': call(clipExportArgs).returns<ClipExportResult>(),
  /** Stops a clip export (its clips so far are removed). */
  'clips.cancel': call(z.object({ exportId: z.number().int().positive() }).strict()).returns<{ cancelled: boolean }>(),
  /** Sources (camera folders) and their alert rules. */
  'review.sources': call(z.object({}).strict()).returns<{ sources: ReviewSource[]; rules: AlertRule[] }>(),
  /** Review items newest first, filtered, one page at a time; with the filter's total and the unreviewed count. */
  'review.items': call(
    z
      .object({
        sourceId: z.number().int().positive().optional(),
        className: z.string().min(1).max(200).optional(),
        day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD').optional(),
        state: z.enum(['all', 'unreviewed', 'reviewed', 'false_alarm']).default('all'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(0).max(1000).default(200),
      })
      .strict(),
  ).returns<ReviewPage>(),
  /** Items and unreviewed items per day and source. */
  'review.counts': call(z.object({}).strict()).returns<ReviewCount[]>(),
  /** Marks items reviewed or false alarm (null: back to unreviewed); false alarms are kept per rule and class. */
  'review.mark': call(
    z.object({ itemIds: z.array(z.number().int().positive()).min(1, 'must name at least one item').max(10_000), verdict: z.enum(['reviewed', 'false_alarm']).nullable() }).strict(),
  ).returns<{ changed: number; unreviewedTotal: number }>(),
  'review.note': call(z.object({ itemId: z.number().int().positive(), note: z.string().max(4000, 'is longer than 4000 characters') }).strict()).returns<ReviewItem>(),
  /** The item's thumbnail (peak frame) or hover sprite (frames across its span), as a JPEG data URL. */
  'review.preview': call(z.object({ itemId: z.number().int().positive(), kind: z.enum(['thumb', 'sprite']) }).strict()).returns<{ dataUrl: string }>(),
  /** How many of a rule's past items (and kept false alarms) another confidence threshold would have removed. */
  'review.impact': call(z.object({ ruleId: z.number().int().positive(), minConfidence: z.number().min(0).max(1) }).strict()).returns<ThresholdImpact>(),
  /** Changes an alert rule's settings; the items of its source are recomputed (triage kept where items overlap). */
  'review.updateRule': call(z.object({ ruleId: z.number().int().positive(), settings: alertRuleSettingsSchema }).strict()).returns<AlertRule>(),
  /**
   * Adds a source (a camera's folder, or a tree with `recursive`) with its models, stride and one
   * alert rule (`rule`, defaults filled); `watching` (default true): the desktop app and serve
   * analyse its new and growing recordings from now on, and after a restart.
   */
  'review.addSource': call(reviewSourceSchema.extend({ watching: z.boolean().default(true), rule: alertRuleSettingsSchema.default(alertRuleSettingsSchema.parse({})) }).strict()).returns<{ source: ReviewSource; rule: AlertRule }>(),
  /** Removes a source with its rules and review items (recordings, videos and runs stay). */
  'review.removeSource': call(z.object({ sourceId: z.number().int().positive() }).strict()).returns<{ removed: boolean }>(),
  /** Starts or stops watching a source's folder (stored; picked up at the next scan, within seconds). */
  'review.watchSource': call(z.object({ sourceId: z.number().int().positive(), watching: z.boolean() }).strict()).returns<ReviewSource>(),
  /** Writes incident-<item>/ (clip, snapshot PNG with the overlay, segments CSV, provenance JSON) into outDir (default <data folder>/incidents). */
  'incidents.export': call(z.object({ itemId: z.number().int().positive(), outDir: filePath.optional() }).strict()).returns<IncidentExport>(),
} satisfies { [K in CallName]: CallSpec<z.ZodType, unknown> };

export const events = {
  'library.changed': z.object({ reason: z.enum(['added', 'removed', 'located']) }),
  /** Files probed so far while `library.add` reads a folder, at most four times a second. */
  'library.progress': z.object({ done: z.number(), total: z.number(), file: z.string() }),
  /** A job changed state, found its run, or has a notice (e.g. a provider fallback). */
  'analysis.job': z.custom<JobSummary>(),
  /** Frames done, fps and ETA of a running job, at most four times a second. */
  'analysis.progress': z.custom<AnalysisProgress>(),
  /** An H.264 proxy is being made (at most four times a second), is ready, or failed. */
  'media.proxy': z.custom<ProxyProgress>(),
  /** A model was imported or removed: model lists reload. */
  'models.changed': z.object({ reason: z.enum(['imported', 'removed']), id: z.string() }),
  /** `models.import` of `modelPath` entered a stage. */
  'models.importStage': z.object({ stage: z.enum(MODEL_IMPORT_STAGES), modelPath: z.string() }),
  /** A clip export wrote its `done`-th file of `total`. */
  'clips.progress': z.custom<ClipProgress>(),
  /** The process hosting the core stopped and is being restarted, or runs again (its running jobs resume). */
  'core.host': z.custom<CoreHostStatus>(),
  /** A running run's segments from a frame on changed as chunks committed (see RunSegmentsUpdate). */
  'runs.segmentsChanged': z.custom<RunSegmentsUpdate>(),
  /** Review items were made, recomputed or triaged, or sources changed (see ReviewChange): the queue and counts reload. */
  'review.changed': z.object({ reason: z.enum(REVIEW_CHANGE_REASONS), sourceId: z.number().optional() }),
} satisfies { [K in EventName]: z.ZodType };

export type Calls = typeof calls;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type ParsedCallArgs<K extends CallName> = z.output<Calls[K]['args']>;
export type CallResult<K extends CallName> = NonNullable<Calls[K]['result']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** What a process implements to serve the contract (or part of it). */
export type CallHandlers = { [K in CallName]: (args: ParsedCallArgs<K>) => Promise<CallResult<K>> };

/** The renderer's view: one async function per call. */
export type ActionLensApi = {
  [K in CallName]: (args: CallArgs<K>) => Promise<CallResult<K>>;
};

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

/**
 * Validates a call's raw payload against its schema. A mismatch becomes an INVALID_ARGUMENT
 * error naming the call, the first offending field and why, e.g.
 * `library.add: invalid argument "paths.0": must not be empty`.
 */
export function parseCallArgs<K extends CallName>(name: K, raw: unknown): ParsedCallArgs<K> {
  const parsed = calls[name].args.safeParse(raw);
  if (parsed.success) return parsed.data as ParsedCallArgs<K>;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(arguments)';
  const reason = issue?.message ?? 'is invalid';
  throw new AppError('INVALID_ARGUMENT', `${name}: invalid argument "${field}": ${reason}`, { field });
}

/** Envelope for results crossing IPC: Electron keeps only `message` of a rejected error. */
export type CallOutcome<R> = { ok: true; value: R } | { ok: false; error: SerializedError };

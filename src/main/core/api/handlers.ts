import type { CallHandlers, EventPayload } from '../../../shared/contract.js';
import type { EventName } from '../../../shared/channels.js';
import { AppError } from '../../../shared/errors.js';
import type { BinaryInfo } from '../../../shared/library.js';
import type { AnalysisService } from '../analysis/index.js';
import type { Library } from '../library/library.js';
import { listPresets, type ModelRegistry } from '../models/index.js';
import { probeVideo, resolveBinaries } from '../media/index.js';
import { videoFrameTimes } from '../media/frame-times.js';
import { ProxyMaker } from '../media/proxy.js';
import { AnnotationTracks } from './annotations.js';
import { PoseQueries } from '../pose/pose-queries.js';
import { createTagHandlers } from '../tags/handlers.js';
import { reviewHandlers } from '../review/handlers.js';
import type { ReviewService } from '../review/service.js';
import { reduceSegments } from '../../../shared/timeline/segment-lod.js';
import type { EvalCallName } from '../eval/handlers.js';
import type { AnalysisPlacement } from '../scaleout/placement.js';

/** The calls only a desktop shell can serve (native dialogs). */
export type ShellCallName = 'dialog.openVideos' | 'dialog.openFile';
export type CoreHandlers = Omit<CallHandlers, ShellCallName>;

export type EmitEvent = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export interface CoreHandlerContext {
  library: Library;
  models: ModelRegistry;
  analysis: AnalysisService;
  version: string;
  dataDir: string;
  databaseFile: string;
  emit: EmitEvent;
  review: ReviewService;
  placement: AnalysisPlacement;
}

/** The contract's calls served by the core: the same functions behind IPC, HTTP and the tests. */
/** All but the datasets.* and eval.* calls, which need the whole core (src/main/core/eval/handlers.ts; app.ts joins the two). */
export function createCoreHandlers(ctx: CoreHandlerContext): Omit<CoreHandlers, EvalCallName> {
  const proxies = new ProxyMaker(ctx.dataDir, (progress) => ctx.emit('media.proxy', progress));
  const annotations = new AnnotationTracks(ctx.library.store);
  const poses = new PoseQueries(ctx.library.store);
  /** Unknown videos named by their place in the request, as the contract's other refusals are. */
  const checkVideoIds = (videoIds: readonly number[]): void =>
    videoIds.forEach((id, i) => {
      if (!ctx.library.get(id)) throw new AppError('NOT_FOUND', `No video with id ${id} in the library.`, { field: `videoIds.${i}` });
    });
  const checkJobIds = (jobIds: readonly number[]): void =>
    jobIds.forEach((id, i) => {
      if (!ctx.analysis.hasJob(id)) throw new AppError('NOT_FOUND', `No analysis job with id ${id} in this session.`, { field: `jobIds.${i}` });
    });
  const namedJobs = (jobIds: readonly number[]) => {
    const byId = new Map(ctx.analysis.jobs().map((job) => [job.id, job]));
    return jobIds.flatMap((id) => byId.get(id) ?? []);
  };
  return {
    'app.info': async () => ({
      version: ctx.version,
      dataDir: ctx.dataDir,
      databaseFile: ctx.databaseFile,
      ...binaryInfo(),
    }),
    'settings.analysisPlace': async () => ctx.placement.view(),
    'settings.setAnalysisPlace': async (args) => {
      const view = await ctx.placement.set(args);
      ctx.analysis.reschedule(); // queued jobs may start now (workers take many at once)
      return view;
    },
    'library.list': async () => ctx.library.list(),
    'library.add': async ({ paths }) => {
      let last = 0;
      const onProgress = (progress: { done: number; total: number; file: string }) => {
        const now = Date.now();
        if (now - last < 250 && progress.done < progress.total) return;
        last = now;
        ctx.emit('library.progress', progress);
      };
      const { namedFailures: _failures, ...report } = await ctx.library.add(paths, { onProgress });
      if (report.added.length > 0) ctx.emit('library.changed', { reason: 'added' });
      return report;
    },
    'library.remove': async ({ id }) => {
      // Its jobs stop first: a job must not fail on the runs deleted with the video.
      await ctx.analysis.cancelForVideo(id);
      const removed = ctx.library.remove(id);
      if (!removed) throw new AppError('NOT_FOUND', `no video with id ${id} in the library`, { field: 'id' });
      ctx.emit('library.changed', { reason: 'removed' });
      return { removed };
    },
    'library.locate': async ({ id, path }) => {
      const video = await ctx.library.locate(id, path);
      ctx.emit('library.changed', { reason: 'located' });
      return video;
    },
    'media.playback': async ({ videoId }) => {
      const video = ctx.library.get(videoId);
      if (!video) throw new AppError('NOT_FOUND', `no video with id ${videoId} in the library`, { field: 'videoId' });
      return proxies.playback(video);
    },
    'media.frameTimes': async ({ videoId }) => {
      const video = ctx.library.get(videoId);
      if (!video) throw new AppError('NOT_FOUND', `no video with id ${videoId} in the library`, { field: 'videoId' });
      if (!video.probe.video.variableFrameRate) return { times: null };
      return { times: await videoFrameTimes(video.path, video.fingerprint) };
    },
    'media.probe': async ({ path }) =>
      probeVideo(path).catch((error: unknown) => {
        throw withField(error, 'path');
      }),
    'models.list': async ({ refresh }) => {
      const { models, problems } = refresh ? await ctx.models.refresh() : await ctx.models.scan();
      return { models: models.map((m) => m.summary), problems };
    },
    'models.import': async ({ modelPath, manifestPath, preset, id, name, labelsPath }) => {
      const request = { modelFile: modelPath, manifestFile: manifestPath, preset, id, name, labelsFile: labelsPath };
      const result = await ctx.models
        .import(request, undefined, (stage) => ctx.emit('models.importStage', { stage, modelPath }))
        .catch((error: unknown) => {
          throw withContractField(error);
        });
      ctx.emit('models.changed', { reason: 'imported', id: result.model.id });
      return result;
    },
    'models.remove': async ({ id }) => {
      const removed = await ctx.models.remove(id).catch((error: unknown) => {
        throw renamedField(error, 'modelId', 'id');
      });
      ctx.emit('models.changed', { reason: 'removed', id });
      return removed;
    },
    'models.show': async ({ id }) =>
      ctx.models.show(id).catch((error: unknown) => {
        throw renamedField(error, 'modelId', 'id');
      }),
    'models.presets': async () => listPresets(),
    'analysis.start': async ({ videoIds, modelIds, ...options }) => {
      checkVideoIds(videoIds);
      return ctx.analysis.start({ videoIds, modelIds, options }).catch((error: unknown) => {
        throw renamedField(error, 'modelId', 'modelIds');
      });
    },
    'analysis.cancel': async ({ jobId }) => ({ cancelled: ctx.analysis.cancel(jobId) }),
    'analysis.jobs': async () => ctx.analysis.jobs(),
    'analysis.pause': async ({ jobIds }) => {
      checkJobIds(jobIds);
      await Promise.all(jobIds.map((id) => ctx.analysis.pause(id)));
      return namedJobs(jobIds);
    },
    'analysis.resume': async ({ jobIds }) => {
      checkJobIds(jobIds);
      for (const id of jobIds) ctx.analysis.resume(id);
      return namedJobs(jobIds);
    },
    'runs.listForVideo': async ({ videoId }) => ctx.analysis.runsForVideo(videoId),
    'runs.segments': async ({ runId, startFrame, endFrame, maxSegments }) => {
      const range = startFrame === undefined && endFrame === undefined ? undefined : { startFrame: startFrame ?? 0, endFrame: endFrame ?? Number.MAX_SAFE_INTEGER };
      const segments = ctx.analysis.segments(runId, range);
      if (maxSegments === undefined || segments.length <= maxSegments) return segments;
      const from = range?.startFrame ?? segments[0]?.startFrame ?? 0;
      const to = Math.min(range?.endFrame ?? Infinity, segments[segments.length - 1]?.endFrame ?? 0);
      return reduceSegments(segments, from, to, maxSegments);
    },
    'runs.probabilities': async (args) => ctx.analysis.probabilities(args),
    'runs.people': async ({ runId }) => ctx.analysis.people(runId),
    'runs.rederive': async ({ runId, postprocess }) => ctx.analysis.rederive(runId, postprocess),
    'runs.delete': async ({ runId }) => ({ deleted: await ctx.analysis.deleteRun(runId) }),
    'annotations.listForVideo': async ({ videoId }) => annotations.list(videoId),
    'annotations.segments': async ({ trackId, startFrame, endFrame, maxSegments }) => annotations.segments(trackId, { startFrame, endFrame }, maxSegments),
    'annotations.import': async ({ videoId, path, name }) => annotations.import(videoId, path, name),
    'pose.start': async ({ videoIds, provider, ...settings }) => {
      checkVideoIds(videoIds);
      return ctx.analysis.startPose({ videoIds, settings, provider });
    },
    'pose.runs': async ({ videoId }) => poses.runsForVideo(videoId),
    'pose.frames': async ({ runId, startFrame, endFrame }) => poses.frames(runId, startFrame, endFrame),
    'pose.tracks': async ({ runId }) => poses.tracks(runId),
    'pose.kinematics': async (args) => poses.kinematics(args),
    ...createTagHandlers(ctx.library.store, (progress) => ctx.emit('clips.progress', progress)),
    ...reviewHandlers({ review: ctx.review, store: ctx.library.store, dataDir: ctx.dataDir, version: ctx.version, changed: (change) => ctx.emit('review.changed', change) }),
  };
}

/** The core names the import's files `model`, `manifest`, `labelsFile` (the CLI's words); the contract's fields are the request's. */
const IMPORT_FIELDS: Record<string, string> = { model: 'modelPath', manifest: 'manifestPath', labelsFile: 'labelsPath' };

function withContractField(error: unknown): unknown {
  if (!(error instanceof AppError) || error.field === undefined || !Object.hasOwn(IMPORT_FIELDS, error.field)) return error;
  return new AppError(error.code, error.message, { file: error.file, field: IMPORT_FIELDS[error.field], cause: error });
}

/** The probe names the file; the contract's field for it is the call's `path`. */
function withField(error: unknown, field: string): unknown {
  if (!(error instanceof AppError) || error.field !== undefined) return error;
  return new AppError(error.code, error.message, { file: error.file, field, cause: error });
}

/** The registry says `modelId`; the models.* calls name it `id`, analysis.start `modelIds`. */
function renamedField(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof AppError) || error.field !== from) return error;
  return new AppError(error.code, error.message, { file: error.file, field: to, cause: error });
}

function binaryInfo(): { ffmpeg: BinaryInfo | null; ffprobe: BinaryInfo | null } {
  try {
    const { ffmpeg, ffprobe } = resolveBinaries();
    return { ffmpeg, ffprobe };
  } catch {
    return { ffmpeg: null, ffprobe: null };
  }
}

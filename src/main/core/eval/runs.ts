/**
 * The runs an evaluation scores: for each dataset item × model, the newest completed run whose
 * parameters are the requested ones (reused, never recomputed); the missing ones computed through
 * the analysis service's job queue, as `actionlens analyze` would.
 */
import type { AnalysisRequest } from '../../../shared/analysis.js';
import type { DatasetItem } from '../../../shared/datasets.js';
import type { JobSummary } from '../../../shared/engine.js';
import type { EventName } from '../../../shared/channels.js';
import type { EventPayload } from '../../../shared/contract.js';
import type { AnalysisService } from '../analysis/index.js';
import type { Library } from '../library/library.js';
import { canonicalJson } from '../analysis/run-identity.js';
import { parseRequest } from '../analysis/service.js';
import type { ModelRegistry, RegisteredModel } from '../models/index.js';
import type { RunRecord, Store, VideoRecord } from '../store/index.js';

/** The parts of the core an evaluation uses (AppCore has them; spelled out so eval does not import app.ts, which imports eval). */
export interface EvalCore {
  store: Store;
  models: ModelRegistry;
  library: Library;
  analysis: AnalysisService;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export interface MatchedRuns {
  /** item id → the item's video (null when the file could not be added to the library). */
  videos: Map<number, VideoRecord | null>;
  /** model id → item id → run. */
  runs: Map<string, Map<number, RunRecord>>;
  notes: string[];
  analysisSec: number;
}

export interface MatchOptions {
  request: Omit<AnalysisRequest, 'modelId'>;
  /** Compute missing runs (default true); false scores only what is stored. */
  compute: boolean;
  onJob?: (job: JobSummary) => void;
}

async function findStored(core: EvalCore, video: VideoRecord, model: RegisteredModel, request: AnalysisRequest): Promise<RunRecord | undefined> {
  const wanted = canonicalJson((await core.analysis.runIdentity(model, request, video.fingerprint)).params);
  return core.store.runs
    .listForVideo(video.id)
    .filter((run) => run.status === 'completed' && run.modelId === model.summary.id && canonicalJson(run.params) === wanted)
    .at(-1);
}

export async function matchRuns(core: EvalCore, items: readonly DatasetItem[], models: readonly RegisteredModel[], options: MatchOptions): Promise<MatchedRuns> {
  const notes: string[] = [];
  const added = await core.library.add(items.map((item) => item.path));
  for (const skip of added.skipped) notes.push(`${skip.path}: not evaluated (${skip.reason})`);
  const videos = new Map<number, VideoRecord | null>();
  for (const item of items) {
    const video = core.store.videos.getByPath(item.path) ?? null;
    videos.set(item.id, video);
    if (video && video.fingerprint !== item.fingerprint) notes.push(`${item.path}: the file changed since the dataset was imported (its fingerprint differs)`);
  }
  const runs = new Map<string, Map<number, RunRecord>>();
  const started = performance.now();
  for (const model of models) {
    const request = parseRequest({ ...options.request, modelId: model.summary.id });
    const found = new Map<number, RunRecord>();
    const missing: number[] = [];
    for (const item of items) {
      const video = videos.get(item.id);
      if (!video) continue;
      const run = await findStored(core, video, model, request);
      if (run) found.set(item.id, run);
      else missing.push(item.id);
    }
    if (missing.length > 0 && options.compute) {
      const videoIds = [...new Set(missing.map((id) => videos.get(id)!.id))];
      const stop = options.onJob ? core.on('analysis.job', options.onJob) : () => {};
      try {
        const jobs = await core.analysis.start({ videoIds, modelIds: [model.summary.id], options: options.request });
        const done = await core.analysis.wait(jobs.map((j) => j.id));
        for (const job of done) if (job.state !== 'completed') notes.push(`${job.videoPath} × ${model.summary.id}: ${job.state}${job.error ? ` (${job.error.message})` : ''}`);
      } finally {
        stop();
      }
      for (const id of missing) {
        const run = await findStored(core, videos.get(id)!, model, request);
        if (run) found.set(id, run);
      }
    }
    const without = items.length - found.size;
    if (without > 0) notes.push(`${model.summary.id}: ${without} of ${items.length} items have no completed run${options.compute ? '' : ' (run without --no-compute to compute them)'}`);
    runs.set(model.summary.id, found);
  }
  return { videos, runs, notes, analysisSec: (performance.now() - started) / 1000 };
}

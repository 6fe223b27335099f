import type BetterSqlite3 from 'better-sqlite3';
import type { RunStatus } from '../../../shared/engine.js';
import type { RunParams } from '../../../shared/run-params.js';
import { AppError, serializeError, type SerializedError } from '../../../shared/errors.js';
import { dbAction } from './db-errors.js';

/** Milliseconds per phase, e.g. `{ decode: 812, infer: 4410 }`. */
export type RunTimings = Record<string, number>;
/** Thread settings handed to the inference runtime, e.g. `{ intraOp: 2, interOp: 1 }`. */
export type RunThreads = Record<string, number>;

export interface NewRun {
  videoId: number;
  modelId: string;
  /** Canonical (key-sorted) parameters: the engine hashes the same form into `paramsHash`. */
  params: RunParams;
  /** Hash of model id + canonical params + video fingerprint: equal hashes mean the same work. */
  paramsHash: string;
  /** The execution provider asked for, e.g. `auto`, `cpu`, `cuda`. */
  provider: string;
  frameCount?: number | null;
  /** How model outputs map onto frames (engine-defined), e.g. `center`. */
  alignment?: string | null;
  /** The model's labels, kept with the run: a model retrained under the same id must not relabel it. */
  labels?: readonly string[] | null;
}

export interface RunRecord {
  id: number;
  videoId: number;
  modelId: string;
  params: RunParams;
  paramsHash: string;
  provider: string;
  /** The provider actually used; null until the run starts. */
  providerUsed: string | null;
  threads: RunThreads | null;
  status: RunStatus;
  framesDone: number;
  frameCount: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  timings: RunTimings | null;
  error: SerializedError | null;
  alignment: string | null;
  /** The labels the run was computed with (null only for runs of models that were never registered). */
  labels: string[] | null;
  /** "host:pid" of the process computing a running run, and when it last confirmed it. */
  owner: string | null;
  heartbeatAt: string | null;
}

interface RunRow {
  id: number;
  video_id: number;
  model_id: string;
  params_json: string;
  params_hash: string;
  provider: string;
  provider_used: string | null;
  threads_json: string | null;
  status: RunStatus;
  frames_done: number;
  frame_count: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  timings_json: string | null;
  error_json: string | null;
  alignment: string | null;
  labels_json: string | null;
  owner: string | null;
  heartbeat_at: string | null;
}

const parseOrNull = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));
const jsonOrNull = (value: unknown): string | null => (value == null ? null : JSON.stringify(value));

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    videoId: row.video_id,
    modelId: row.model_id,
    params: JSON.parse(row.params_json) as RunParams, // written by create() from a RunParams
    paramsHash: row.params_hash,
    provider: row.provider,
    providerUsed: row.provider_used,
    threads: parseOrNull<RunThreads>(row.threads_json),
    status: row.status,
    framesDone: row.frames_done,
    frameCount: row.frame_count,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    timings: parseOrNull<RunTimings>(row.timings_json),
    error: parseOrNull<SerializedError>(row.error_json),
    alignment: row.alignment,
    labels: parseOrNull<string[]>(row.labels_json),
    owner: row.owner,
    heartbeatAt: row.heartbeat_at,
  };
}

type Params = Record<string, unknown>;
type FinalStatus = 'completed' | 'failed' | 'cancelled';
const FINISH_VERBS: Record<FinalStatus, string> = { completed: 'complete', failed: 'fail', cancelled: 'cancel' };

/**
 * Run lifecycle: queued → running → completed | failed | cancelled (failed/cancelled also straight from queued);
 * cancelled → running again when the same work is asked for (it resumes from its committed chunks);
 * so does failed, when it failed for a database error (full disk, locked): its committed chunks are sound.
 * A completed run's frame_count becomes its frames_done: what was stored, not the probe's (possibly estimated) count.
 * Illegal transitions throw INVALID_ARGUMENT rather than silently rewriting a finished run.
 */
export class RunsRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly startStmt;
  private readonly progressStmt;
  private readonly finishStmt;
  private readonly requeueStmt;
  private readonly completedByHashStmt;
  private readonly byVideoStmt;
  private readonly removeStmt;
  private readonly heartbeatStmt;
  private readonly runningStmt;
  private readonly requeueOneStmt;
  private readonly pauseStmt;

  constructor(db: BetterSqlite3.Database) {
    this.insertStmt = db.prepare<Params, RunRow>(`
      INSERT INTO runs (video_id, model_id, params_json, params_hash, provider, frame_count, alignment, labels_json, created_at)
      VALUES (@videoId, @modelId, @paramsJson, @paramsHash, @provider, @frameCount, @alignment, @labelsJson, @now)
      RETURNING *`);
    this.getStmt = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?');
    this.startStmt = db.prepare<Params, RunRow>(`
      UPDATE runs SET status = 'running', provider_used = @providerUsed, threads_json = @threadsJson,
        frame_count = coalesce(@frameCount, frame_count), started_at = coalesce(started_at, @now),
        finished_at = NULL, error_json = NULL, owner = @owner, heartbeat_at = @now
      WHERE id = @id AND (status IN ('queued', 'cancelled') OR (status = 'failed' AND json_extract(error_json, '$.code') = 'DB_ERROR')) RETURNING *`);
    this.progressStmt = db.prepare<Params, RunRow>(`
      UPDATE runs SET frames_done = @framesDone WHERE id = @id AND status = 'running' RETURNING *`);
    this.finishStmt = db.prepare<Params, RunRow>(`
      UPDATE runs SET status = @status, finished_at = @now, error_json = @errorJson,
        timings_json = coalesce(@timingsJson, timings_json), frames_done = coalesce(@framesDone, frames_done),
        frame_count = CASE WHEN @status = 'completed' THEN coalesce(@framesDone, frames_done) ELSE frame_count END
      WHERE id = @id AND (status = 'running' OR (status = 'queued' AND @status <> 'completed')) RETURNING *`);
    this.requeueStmt = db.prepare<[]>("UPDATE runs SET status = 'queued', owner = NULL WHERE status = 'running'");
    this.heartbeatStmt = db.prepare<Params>("UPDATE runs SET heartbeat_at = @now WHERE id = @id AND status = 'running' AND owner = @owner");
    this.runningStmt = db.prepare<[], RunRow>("SELECT * FROM runs WHERE status = 'running' ORDER BY id");
    this.requeueOneStmt = db.prepare<[number, string | null]>("UPDATE runs SET status = 'queued', owner = NULL WHERE id = ? AND status = 'running' AND owner IS ?");
    this.pauseStmt = db.prepare<Params, RunRow>("UPDATE runs SET status = 'queued', owner = NULL, timings_json = coalesce(@timingsJson, timings_json) WHERE id = @id AND status = 'running' RETURNING *");
    this.completedByHashStmt = db.prepare<[string], RunRow>(`
      SELECT * FROM runs WHERE params_hash = ? AND status = 'completed' ORDER BY finished_at DESC, id DESC LIMIT 1`);
    this.byVideoStmt = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE video_id = ? ORDER BY created_at, id');
    this.removeStmt = db.prepare<[number]>('DELETE FROM runs WHERE id = ?');
  }

  create(run: NewRun): RunRecord {
    const row = dbAction('create the run', () =>
      this.insertStmt.get({
        videoId: run.videoId,
        modelId: run.modelId,
        paramsJson: JSON.stringify(run.params ?? {}),
        paramsHash: run.paramsHash,
        provider: run.provider,
        frameCount: run.frameCount ?? null,
        alignment: run.alignment ?? null,
        labelsJson: jsonOrNull(run.labels),
        now: new Date().toISOString(),
      }),
    );
    return toRecord(row as RunRow);
  }

  get(id: number): RunRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecord(row);
  }

  /** `owner` ("host:pid") claims the run until it finishes; keep it fresh with `heartbeat`. */
  markRunning(id: number, start: { providerUsed: string; threads?: RunThreads; frameCount?: number; owner?: string }): RunRecord {
    const params = {
      id,
      owner: start.owner ?? null,
      providerUsed: start.providerUsed,
      threadsJson: jsonOrNull(start.threads),
      frameCount: start.frameCount ?? null,
      now: new Date().toISOString(),
    };
    return this.transition(id, 'start', () => this.startStmt.get(params));
  }

  /** Records progress of a running run; commit it in the same transaction as the chunk it reports. */
  updateProgress(id: number, framesDone: number): RunRecord {
    return this.transition(id, 'update progress of', () => this.progressStmt.get({ id, framesDone }));
  }

  markCompleted(id: number, end: { timings?: RunTimings; framesDone?: number } = {}): RunRecord {
    return this.finish(id, 'completed', null, end.timings, end.framesDone);
  }

  /** Stores the error in its serialized (AppError) form. */
  markFailed(id: number, error: unknown, timings?: RunTimings): RunRecord {
    return this.finish(id, 'failed', serializeError(error), timings);
  }

  markCancelled(id: number, timings?: RunTimings): RunRecord {
    return this.finish(id, 'cancelled', null, timings);
  }

  /**
   * A paused run goes back to `queued` with its committed chunks, exactly as a run a crash
   * interrupted (see requeueInterrupted): the next job of the same work resumes it.
   */
  markPaused(id: number, timings?: RunTimings): RunRecord {
    return this.transition(id, 'pause', () => this.pauseStmt.get({ id, timingsJson: jsonOrNull(timings) }));
  }

  /** The owner confirms it is still computing the run; false when the run is no longer its own. */
  heartbeat(id: number, owner: string): boolean {
    return dbAction(`record progress of run ${id}`, () => this.heartbeatStmt.run({ id, owner, now: new Date().toISOString() }).changes > 0);
  }

  running(): RunRecord[] {
    return this.runningStmt.all().map(toRecord);
  }

  /**
   * At startup: runs left `running` by a crash go back to `queued`; their committed chunks allow a
   * resume. With `isOrphan`, only the runs it picks (e.g. whose owner process is gone); without,
   * every running run (a database only this process uses).
   */
  requeueInterrupted(isOrphan?: (run: RunRecord) => boolean): number {
    if (!isOrphan) return dbAction('requeue interrupted runs', () => this.requeueStmt.run().changes);
    const orphans = this.running().filter(isOrphan);
    return dbAction('requeue interrupted runs', () => orphans.reduce((n, run) => n + this.requeueOneStmt.run(run.id, run.owner).changes, 0));
  }

  /** The newest completed run that did exactly this work, if any. */
  findCompleted(paramsHash: string): RunRecord | undefined {
    const row = this.completedByHashStmt.get(paramsHash);
    return row && toRecord(row);
  }

  /** Oldest first. */
  listForVideo(videoId: number): RunRecord[] {
    return this.byVideoStmt.all(videoId).map(toRecord);
  }

  /** Deletes the run with its predictions and segments. */
  remove(id: number): boolean {
    return dbAction(`remove run ${id}`, () => this.removeStmt.run(id).changes > 0);
  }

  private finish(id: number, status: FinalStatus, error: SerializedError | null, timings?: RunTimings, framesDone?: number) {
    const params = {
      id,
      status,
      errorJson: jsonOrNull(error),
      timingsJson: jsonOrNull(timings),
      framesDone: framesDone ?? null,
      now: new Date().toISOString(),
    };
    return this.transition(id, FINISH_VERBS[status], () => this.finishStmt.get(params));
  }

  /** Runs a guarded UPDATE; when it matched nothing, says whether the run is missing or in the wrong state. */
  private transition(id: number, verb: string, update: () => RunRow | undefined): RunRecord {
    const row = dbAction(`${verb} run ${id}`, update);
    if (row) return toRecord(row);
    const current = this.get(id);
    if (!current) throw new AppError('NOT_FOUND', `Run ${id} does not exist.`);
    throw new AppError('INVALID_ARGUMENT', `Cannot ${verb} run ${id}: it is ${current.status}.`);
  }
}

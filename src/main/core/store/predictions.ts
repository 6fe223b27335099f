import type BetterSqlite3 from 'better-sqlite3';
import type { FrameGap } from '../../../shared/engine.js';
import { AppError } from '../../../shared/errors.js';
import { dbAction } from './db-errors.js';

/** `f32`: raw float32. `u16q`: probability clamped to [0, 1], stored as round(p × 65535) in a uint16 (half the size). */
export type ProbEncoding = 'f32' | 'u16q';

/** Probabilities for frames [startFrame, startFrame + frameCount), frame-major: probs[f * classCount + c]. */
export interface PredictionRange {
  startFrame: number;
  frameCount: number;
  classCount: number;
  probs: Float32Array;
}

/**
 * Where a resumed run restarts decoding, and the labelling strategy's state there (opaque
 * bytes; null for stateless families): see [Note: exact resume] in analysis/strategies/resume-ledger.ts.
 */
export interface ResumePoint {
  frame: number;
  state: Uint8Array | null;
}

/** Frames that could not be decoded (no label); the type the run summary carries. */
export type { FrameGap };

interface ChunkRow {
  start_frame: number;
  frame_count: number;
  class_count: number;
  encoding: ProbEncoding;
  probs: Buffer;
}

const U16_MAX = 65535;
const BYTES: Record<ProbEncoding, number> = { f32: 4, u16q: 2 };

// Blobs are the platform's typed-array bytes, i.e. little-endian on every platform Electron ships for.
function encode(probs: Float32Array, encoding: ProbEncoding): Buffer {
  if (encoding === 'f32') return Buffer.from(probs.buffer, probs.byteOffset, probs.byteLength);
  const quantised = new Uint16Array(probs.length);
  for (let i = 0; i < probs.length; i++) quantised[i] = Math.round(Math.min(1, Math.max(0, probs[i]!)) * U16_MAX);
  return Buffer.from(quantised.buffer);
}

/** Decodes `count` values of `blob` starting at value `from` into `out` at `at`. */
function decodeInto(out: Float32Array, at: number, blob: Buffer, encoding: ProbEncoding, from: number, count: number) {
  const size = BYTES[encoding];
  // Copy to a fresh (aligned) buffer: a Buffer's byteOffset need not be a multiple of the element size.
  const bytes = new Uint8Array(blob.subarray(from * size, (from + count) * size));
  if (encoding === 'f32') {
    out.set(new Float32Array(bytes.buffer, 0, count), at);
    return;
  }
  const quantised = new Uint16Array(bytes.buffer, 0, count);
  for (let i = 0; i < count; i++) out[at + i] = quantised[i]! / U16_MAX;
}

function invalid(message: string, field: string): AppError {
  return new AppError('INVALID_ARGUMENT', message, { field });
}

/**
 * Per-frame class probabilities of a run, stored as contiguous chunks appended in frame order,
 * so `lastCommittedFrame` tells a resumed run where to continue.
 */
export class PredictionsRepository {
  private readonly insertStmt;
  private readonly lastChunkStmt;
  private readonly rangeStmt;
  private readonly deleteStmt;
  private readonly appendTxn;
  private readonly ptsStmt;
  private readonly resumeStmt;
  private readonly insertGapStmt;
  private readonly gapsStmt;
  private readonly deleteGapsStmt;

  constructor(db: BetterSqlite3.Database) {
    this.insertStmt = db.prepare<Record<string, unknown>>(`
      INSERT INTO prediction_chunks (run_id, start_frame, frame_count, class_count, encoding, probs, pts, resume_frame, resume_state)
      VALUES (@runId, @startFrame, @frameCount, @classCount, @encoding, @probs, @pts, @resumeFrame, @resumeState)`);
    this.resumeStmt = db.prepare<[number], { resume_frame: number | null; resume_state: Buffer | null }>(`
      SELECT resume_frame, resume_state FROM prediction_chunks WHERE run_id = ? ORDER BY start_frame DESC LIMIT 1`);
    this.ptsStmt = db.prepare<{ runId: number; start: number; end: number }, { start_frame: number; frame_count: number; pts: Buffer | null }>(`
      SELECT start_frame, frame_count, pts FROM prediction_chunks
      WHERE run_id = @runId AND start_frame < @end AND start_frame + frame_count > @start ORDER BY start_frame`);
    this.lastChunkStmt = db.prepare<[number], Omit<ChunkRow, 'probs' | 'encoding'>>(`
      SELECT start_frame, frame_count, class_count FROM prediction_chunks
      WHERE run_id = ? ORDER BY start_frame DESC LIMIT 1`);
    // Chunks overlapping [start, end): from the last one starting at or before `start`, up to `end`.
    this.rangeStmt = db.prepare<{ runId: number; start: number; end: number }, ChunkRow>(`
      SELECT start_frame, frame_count, class_count, encoding, probs FROM prediction_chunks
      WHERE run_id = @runId AND start_frame < @end AND start_frame >= coalesce(
        (SELECT max(start_frame) FROM prediction_chunks WHERE run_id = @runId AND start_frame <= @start), 0)
      ORDER BY start_frame`);
    this.deleteStmt = db.prepare<[number]>('DELETE FROM prediction_chunks WHERE run_id = ?');
    this.insertGapStmt = db.prepare<{ runId: number; startFrame: number; frameCount: number }>(
      'INSERT INTO run_gaps (run_id, start_frame, frame_count) VALUES (@runId, @startFrame, @frameCount)',
    );
    this.gapsStmt = db.prepare<[number], FrameGap>('SELECT start_frame AS startFrame, frame_count AS frameCount FROM run_gaps WHERE run_id = ? ORDER BY start_frame');
    this.deleteGapsStmt = db.prepare<[number]>('DELETE FROM run_gaps WHERE run_id = ?');
    this.appendTxn = db.transaction((row: Record<string, unknown>) => {
      this.assertContinues(row.runId as number, row.startFrame as number, row.classCount as number);
      this.insertStmt.run(row);
    });
  }

  /** Appends frames [startFrame, startFrame + probs.length / classCount); must continue the previous chunk. */
  appendChunk(
    runId: number,
    startFrame: number,
    probs: Float32Array,
    classCount: number,
    encoding: ProbEncoding = 'u16q',
    /** Each frame's presentation time in seconds (see FrameClock); omitted, times fall back to frame / fps. */
    pts?: Float64Array | null,
    /** Where a run resumed after this chunk restarts (committed in the same row, so the same transaction). */
    resume?: ResumePoint | null,
  ): void {
    if (!Number.isInteger(classCount) || classCount <= 0) {
      throw invalid(`classCount must be a positive integer, got ${classCount}.`, 'classCount');
    }
    if (!Number.isInteger(startFrame) || startFrame < 0) {
      throw invalid(`startFrame must be a non-negative integer, got ${startFrame}.`, 'startFrame');
    }
    const frameCount = probs.length / classCount;
    if (!Number.isInteger(frameCount) || frameCount === 0) {
      throw invalid(`probs holds ${probs.length} values, not a positive multiple of ${classCount} classes.`, 'probs');
    }
    if (pts && pts.length !== frameCount) throw invalid(`pts holds ${pts.length} times for ${frameCount} frames.`, 'pts');
    const ptsBlob = pts ? Buffer.from(pts.buffer, pts.byteOffset, pts.byteLength) : null;
    if (resume && (!Number.isInteger(resume.frame) || resume.frame < 0)) throw invalid(`resume frame must be a non-negative integer, got ${resume.frame}.`, 'resume');
    const resumeState = resume?.state ? Buffer.from(resume.state.buffer, resume.state.byteOffset, resume.state.byteLength) : null;
    const row = { runId, startFrame, frameCount, classCount, encoding, probs: encode(probs, encoding), pts: ptsBlob, resumeFrame: resume?.frame ?? null, resumeState };
    dbAction(`save predictions of run ${runId} from frame ${startFrame}`, () => this.appendTxn(row));
  }

  /** Decoded probabilities for the committed frames within [startFrame, endFrame). */
  readRange(runId: number, startFrame: number, endFrame: number): PredictionRange {
    if (!Number.isInteger(startFrame) || !Number.isInteger(endFrame) || startFrame < 0 || endFrame < startFrame) {
      throw invalid(`Invalid frame range [${startFrame}, ${endFrame}).`, 'startFrame');
    }
    const chunks = this.rangeStmt
      .all({ runId, start: startFrame, end: endFrame })
      .filter((chunk) => chunk.start_frame + chunk.frame_count > startFrame);
    const first = chunks[0];
    const last = chunks.at(-1);
    if (!first || !last) {
      const classCount = this.lastChunkStmt.get(runId)?.class_count ?? 0;
      return { startFrame, frameCount: 0, classCount, probs: new Float32Array(0) };
    }
    const { class_count: classCount } = first;
    const from = Math.max(startFrame, first.start_frame);
    const to = Math.min(endFrame, last.start_frame + last.frame_count);
    const probs = new Float32Array((to - from) * classCount);
    for (const chunk of chunks) {
      const a = Math.max(from, chunk.start_frame);
      const b = Math.min(to, chunk.start_frame + chunk.frame_count);
      const sourceOffset = (a - chunk.start_frame) * classCount;
      decodeInto(probs, (a - from) * classCount, chunk.probs, chunk.encoding, sourceOffset, (b - a) * classCount);
    }
    return { startFrame: from, frameCount: to - from, classCount, probs };
  }

  /**
   * Presentation times (seconds) of the stored frames [startFrame, endFrame), or null when a chunk
   * in the range was stored without them (runs from before times were kept).
   */
  readTimes(runId: number, startFrame: number, endFrame: number): Float64Array | null {
    const chunks = this.ptsStmt.all({ runId, start: startFrame, end: endFrame });
    if (chunks.length === 0 || chunks.some((chunk) => chunk.pts === null)) return null;
    const from = Math.max(startFrame, chunks[0]!.start_frame);
    const last = chunks.at(-1)!;
    const out = new Float64Array(Math.min(endFrame, last.start_frame + last.frame_count) - from);
    for (const chunk of chunks) {
      // Copy first: a Buffer's byteOffset need not be a multiple of 8.
      const times = new Float64Array(new Uint8Array(chunk.pts!).buffer);
      for (let f = Math.max(from, chunk.start_frame); f < Math.min(from + out.length, chunk.start_frame + chunk.frame_count); f++) out[f - from] = times[f - chunk.start_frame]!;
    }
    return out;
  }

  /** Index of the last stored frame, or -1 when none: a resumed run continues at lastCommittedFrame + 1. */
  lastCommittedFrame(runId: number): number {
    const last = this.lastChunkStmt.get(runId);
    return last ? last.start_frame + last.frame_count - 1 : -1;
  }

  /** Where a run continues after its last stored chunk; null when none is stored (no chunk, or chunks from before resume points were kept). */
  resumePoint(runId: number): ResumePoint | null {
    const last = this.resumeStmt.get(runId);
    if (!last || last.resume_frame === null) return null;
    return { frame: last.resume_frame, state: last.resume_state ? new Uint8Array(last.resume_state) : null };
  }

  /** Records undecodable frames; call in the transaction of the chunk that holds them. */
  appendGaps(runId: number, gaps: readonly FrameGap[]): void {
    dbAction(`save the undecodable frames of run ${runId}`, () => {
      for (const gap of gaps) this.insertGapStmt.run({ runId, ...gap });
    });
  }

  /** A run's undecodable frames in order, adjacent ranges (from consecutive chunks) merged. */
  gaps(runId: number): FrameGap[] {
    const merged: FrameGap[] = [];
    for (const gap of this.gapsStmt.all(runId)) {
      const last = merged.at(-1);
      if (last && last.startFrame + last.frameCount === gap.startFrame) last.frameCount += gap.frameCount;
      else merged.push({ ...gap });
    }
    return merged;
  }

  /** Drops a run's predictions, e.g. to restart it from frame 0. */
  deleteForRun(runId: number): number {
    return dbAction(`delete predictions of run ${runId}`, () => {
      this.deleteGapsStmt.run(runId);
      return this.deleteStmt.run(runId).changes;
    });
  }

  private assertContinues(runId: number, startFrame: number, classCount: number): void {
    const last = this.lastChunkStmt.get(runId);
    if (!last) return;
    const next = last.start_frame + last.frame_count;
    if (startFrame !== next) {
      throw invalid(`Run ${runId}: expected a chunk starting at frame ${next}, got ${startFrame}.`, 'startFrame');
    }
    if (classCount !== last.class_count) {
      throw invalid(`Run ${runId}: chunk has ${classCount} classes, earlier chunks have ${last.class_count}.`, 'classCount');
    }
  }
}

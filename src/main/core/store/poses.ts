import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/errors.js';
import { KEYPOINT_COUNT, type PoseFrame } from '../../../shared/pose.js';
import { BOX_STRIDE, KEYPOINT_STRIDE, packPoses, type PackedPoses, type TrackPresence } from '../../../shared/pose-run.js';
import { dbAction } from './db-errors.js';

interface TrackChunkRow {
  track_id: number;
  start_frame: number;
  frame_count: number;
  person_count: number;
  present: Buffer;
  boxes: Buffer;
  points: Buffer;
  scores: Buffer;
}

interface FrameChunkRow {
  start_frame: number;
  frame_count: number;
  pts: Buffer;
}

/** Buffer bytes as a typed array of their own (a Buffer's byteOffset need not be aligned). */
const floats32 = (blob: Buffer) => new Float32Array(new Uint8Array(blob).buffer);
const floats64 = (blob: Buffer) => new Float64Array(new Uint8Array(blob).buffer);
const bytesOf = (array: Float32Array | Float64Array | Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

function invalid(message: string, field: string): AppError {
  return new AppError('INVALID_ARGUMENT', message, { field });
}

/** One track's people within a chunk, in the table's column layout (see migration 004). */
function encodeTrack(poseFrames: readonly PoseFrame[], trackId: number) {
  const present = new Uint8Array(poseFrames.length);
  const people = poseFrames.flatMap((frame, k) => {
    const person = frame.people.find((p) => p.trackId === trackId);
    if (person) present[k] = person.lost ? 2 : 1;
    return person ? [person] : [];
  });
  const boxes = new Float32Array(people.length * 5);
  const points = new Float32Array(people.length * KEYPOINT_COUNT * 2);
  const scores = new Uint8Array(people.length * KEYPOINT_COUNT);
  people.forEach((person, i) => {
    boxes.set([person.box.x, person.box.y, person.box.width, person.box.height, person.score], i * 5);
    for (let k = 0; k < KEYPOINT_COUNT; k++) {
      points[(i * KEYPOINT_COUNT + k) * 2] = person.keypoints[k * 3]!;
      points[(i * KEYPOINT_COUNT + k) * 2 + 1] = person.keypoints[k * 3 + 1]!;
      scores[i * KEYPOINT_COUNT + k] = Math.round(Math.min(1, Math.max(0, person.keypoints[k * 3 + 2]!)) * 255);
    }
  });
  return { personCount: people.length, present: bytesOf(present), boxes: bytesOf(boxes), points: bytesOf(points), scores: bytesOf(scores) };
}

/**
 * Keypoints of a pose run's tracked people, in chunks appended in frame order (see migration 004):
 * each committed range keeps its frames' times and the estimator's state after it, so a resumed
 * run restores that state and continues at `lastCommittedFrame + 1`. Keypoint scores are kept to
 * 1/255; positions and boxes as float32.
 */
export class PosesRepository {
  private readonly insertFramesStmt;
  private readonly insertTrackStmt;
  private readonly lastChunkStmt;
  private readonly framesStmt;
  private readonly tracksStmt;
  private readonly presenceStmt;
  private readonly deleteStmt;
  private readonly deleteTracksStmt;
  private readonly copyFramesStmt;
  private readonly copyTracksStmt;
  private readonly appendTxn;

  constructor(db: BetterSqlite3.Database) {
    this.insertFramesStmt = db.prepare<Record<string, unknown>>(`
      INSERT INTO pose_chunks (run_id, start_frame, frame_count, pts, state) VALUES (@runId, @startFrame, @frameCount, @pts, @state)`);
    this.insertTrackStmt = db.prepare<Record<string, unknown>>(`
      INSERT INTO pose_track_chunks (run_id, track_id, start_frame, frame_count, person_count, present, boxes, points, scores)
      VALUES (@runId, @trackId, @startFrame, @frameCount, @personCount, @present, @boxes, @points, @scores)`);
    this.lastChunkStmt = db.prepare<[number], { start_frame: number; frame_count: number; state: Buffer | null }>(`
      SELECT start_frame, frame_count, state FROM pose_chunks WHERE run_id = ? ORDER BY start_frame DESC LIMIT 1`);
    // Chunks are contiguous, so overlapping [start, end) is a plain interval test.
    this.framesStmt = db.prepare<{ runId: number; start: number; end: number }, FrameChunkRow>(`
      SELECT start_frame, frame_count, pts FROM pose_chunks
      WHERE run_id = @runId AND start_frame < @end AND start_frame + frame_count > @start ORDER BY start_frame`);
    this.tracksStmt = db.prepare<{ runId: number; start: number; end: number }, TrackChunkRow>(`
      SELECT track_id, start_frame, frame_count, person_count, present, boxes, points, scores FROM pose_track_chunks
      WHERE run_id = @runId AND start_frame < @end AND start_frame + frame_count > @start ORDER BY start_frame, track_id`);
    this.presenceStmt = db.prepare<[number], Pick<TrackChunkRow, 'track_id' | 'start_frame' | 'present'>>(`
      SELECT track_id, start_frame, present FROM pose_track_chunks WHERE run_id = ? ORDER BY track_id, start_frame`);
    this.deleteStmt = db.prepare<[number]>('DELETE FROM pose_chunks WHERE run_id = ?');
    this.deleteTracksStmt = db.prepare<[number]>('DELETE FROM pose_track_chunks WHERE run_id = ?');
    this.copyFramesStmt = db.prepare<{ from: number; to: number }>(`
      INSERT INTO pose_chunks (run_id, start_frame, frame_count, pts, state)
      SELECT @to, start_frame, frame_count, pts, state FROM pose_chunks WHERE run_id = @from`);
    this.copyTracksStmt = db.prepare<{ from: number; to: number }>(`
      INSERT INTO pose_track_chunks (run_id, track_id, start_frame, frame_count, person_count, present, boxes, points, scores)
      SELECT @to, track_id, start_frame, frame_count, person_count, present, boxes, points, scores FROM pose_track_chunks WHERE run_id = @from`);
    this.appendTxn = db.transaction((runId: number, startFrame: number, frames: readonly PoseFrame[], state: Uint8Array | null) => {
      const next = this.lastCommittedFrame(runId) + 1;
      if (next > 0 && startFrame !== next) throw invalid(`Run ${runId}: expected poses starting at frame ${next}, got ${startFrame}.`, 'startFrame');
      const frameCount = frames.length;
      const pts = bytesOf(Float64Array.from(frames, (f) => f.time));
      this.insertFramesStmt.run({ runId, startFrame, frameCount, pts, state: state ? bytesOf(state) : null });
      const tracks = new Set(frames.flatMap((f) => f.people.map((p) => p.trackId)));
      for (const trackId of [...tracks].sort((a, b) => a - b)) this.insertTrackStmt.run({ runId, trackId, startFrame, frameCount, ...encodeTrack(frames, trackId) });
    });
  }

  /**
   * Appends the poses of frames [startFrame, startFrame + frames.length), which must continue the
   * run's previous chunk, with the estimator's state after the last of them.
   */
  appendChunk(runId: number, startFrame: number, frames: readonly PoseFrame[], state: Uint8Array | null): void {
    if (!Number.isInteger(startFrame) || startFrame < 0) throw invalid(`startFrame must be a non-negative integer, got ${startFrame}.`, 'startFrame');
    if (frames.length === 0) throw invalid('A pose chunk needs at least one frame.', 'frames');
    frames.forEach((f, k) => {
      if (f.frame !== startFrame + k) throw invalid(`Pose frame ${k} of the chunk is frame ${f.frame}, expected ${startFrame + k}.`, 'frames');
      const ids = f.people.map((p) => p.trackId);
      if (new Set(ids).size !== ids.length) throw invalid(`Frame ${f.frame} holds track ${ids.find((id, i) => ids.indexOf(id) !== i)} twice.`, 'frames');
      for (const p of f.people) {
        if (!Number.isInteger(p.trackId) || p.trackId < 0) throw invalid(`Frame ${f.frame}: track id ${p.trackId} is not a non-negative integer.`, 'trackId');
        if (p.keypoints.length !== KEYPOINT_STRIDE) throw invalid(`Frame ${f.frame}, track ${p.trackId}: ${p.keypoints.length} keypoint values, expected ${KEYPOINT_STRIDE}.`, 'keypoints');
      }
    });
    dbAction(`save poses of run ${runId} from frame ${startFrame}`, () => this.appendTxn(runId, startFrame, frames, state));
  }

  /** Index of the last stored frame, or -1 when none. */
  lastCommittedFrame(runId: number): number {
    const last = this.lastChunkStmt.get(runId);
    return last ? last.start_frame + last.frame_count - 1 : -1;
  }

  /** The estimator's state after the last stored frame (null when none was stored, or nothing is). */
  lastState(runId: number): Uint8Array | null {
    const state = this.lastChunkStmt.get(runId)?.state;
    return state ? new Uint8Array(state) : null;
  }

  /** The stored frames within [startFrame, endFrame), packed; frames not stored yet are left out (the range shrinks). */
  readPacked(runId: number, startFrame: number, endFrame: number): PackedPoses {
    if (!Number.isInteger(startFrame) || !Number.isInteger(endFrame) || startFrame < 0 || endFrame < startFrame) {
      throw invalid(`Invalid frame range [${startFrame}, ${endFrame}).`, 'startFrame');
    }
    const chunks = this.framesStmt.all({ runId, start: startFrame, end: endFrame });
    if (chunks.length === 0) return packPoses(startFrame, []);
    const from = Math.max(startFrame, chunks[0]!.start_frame);
    const last = chunks.at(-1)!;
    const to = Math.min(endFrame, last.start_frame + last.frame_count);
    const times = new Float64Array(to - from);
    for (const chunk of chunks) {
      const pts = floats64(chunk.pts);
      for (let f = Math.max(from, chunk.start_frame); f < Math.min(to, chunk.start_frame + chunk.frame_count); f++) times[f - from] = pts[f - chunk.start_frame]!;
    }
    const people: { frame: number; trackId: number; lost: boolean; box: Float32Array; keypoints: Float32Array }[] = [];
    for (const row of this.tracksStmt.all({ runId, start: from, end: to })) {
      const boxes = floats32(row.boxes);
      const points = floats32(row.points);
      let i = 0;
      for (let k = 0; k < row.frame_count; k++) {
        if (!row.present[k]) continue;
        const frame = row.start_frame + k;
        if (frame >= from && frame < to) {
          const keypoints = new Float32Array(KEYPOINT_STRIDE);
          for (let j = 0; j < KEYPOINT_COUNT; j++) {
            keypoints[j * 3] = points[(i * KEYPOINT_COUNT + j) * 2]!;
            keypoints[j * 3 + 1] = points[(i * KEYPOINT_COUNT + j) * 2 + 1]!;
            keypoints[j * 3 + 2] = row.scores[i * KEYPOINT_COUNT + j]! / 255;
          }
          people.push({ frame, trackId: row.track_id, lost: row.present[k] === 2, box: boxes.subarray(i * BOX_STRIDE, (i + 1) * BOX_STRIDE), keypoints });
        }
        i += 1;
      }
    }
    people.sort((a, b) => a.frame - b.frame || a.trackId - b.trackId);
    const packed: PackedPoses = {
      startFrame: from,
      frameCount: to - from,
      times,
      frames: Int32Array.from(people, (p) => p.frame),
      trackIds: Int32Array.from(people, (p) => p.trackId),
      lost: Uint8Array.from(people, (p) => (p.lost ? 1 : 0)),
      boxes: new Float32Array(people.length * BOX_STRIDE),
      keypoints: new Float32Array(people.length * KEYPOINT_STRIDE),
    };
    people.forEach((p, i) => {
      packed.boxes.set(p.box, i * BOX_STRIDE);
      packed.keypoints.set(p.keypoints, i * KEYPOINT_STRIDE);
    });
    return packed;
  }

  /** When each track of the run holds a person found on the frame (lost frames are not presence), from the stored presence bytes (no keypoints read). */
  presence(runId: number): TrackPresence[] {
    const tracks = new Map<number, TrackPresence>();
    for (const row of this.presenceStmt.iterate(runId)) {
      let track = tracks.get(row.track_id);
      if (!track) tracks.set(row.track_id, (track = { trackId: row.track_id, spans: [], frames: 0 }));
      for (let k = 0; k < row.present.length; k++) {
        if (row.present[k] !== 1) continue;
        const frame = row.start_frame + k;
        const open = track.spans.at(-1);
        if (open && open[1] === frame) open[1] = frame + 1;
        else track.spans.push([frame, frame + 1]);
        track.frames += 1;
      }
    }
    return [...tracks.values()];
  }

  /**
   * Each track's first and last frame holding the person, lost frames included (the tracker's last
   * position: a skeleton model is fed them, see [Note: streamed people]), from the stored presence
   * bytes alone (no keypoints read).
   */
  trackExtents(runId: number): Map<number, { first: number; last: number }> {
    const extents = new Map<number, { first: number; last: number }>();
    for (const row of this.presenceStmt.iterate(runId)) {
      for (let k = 0; k < row.present.length; k++) {
        if (row.present[k] === 0) continue;
        const frame = row.start_frame + k;
        const extent = extents.get(row.track_id);
        if (extent) extent.last = frame;
        else extents.set(row.track_id, { first: frame, last: frame });
      }
    }
    return extents;
  }

  /** Copies every stored chunk of one run into another that has none (a copy of the same video content). Returns the frames copied. */
  copyRun(fromRunId: number, toRunId: number): number {
    return dbAction(`copy poses of run ${fromRunId} into run ${toRunId}`, () => {
      if (this.lastCommittedFrame(toRunId) >= 0) throw invalid(`Run ${toRunId} already holds poses.`, 'runId');
      this.copyFramesStmt.run({ from: fromRunId, to: toRunId });
      this.copyTracksStmt.run({ from: fromRunId, to: toRunId });
      return this.lastCommittedFrame(toRunId) + 1;
    });
  }

  /** Drops a run's poses, e.g. to restart it from frame 0. Returns the number of frame chunks deleted. */
  deleteForRun(runId: number): number {
    return dbAction(`delete poses of run ${runId}`, () => {
      this.deleteTracksStmt.run(runId);
      return this.deleteStmt.run(runId).changes;
    });
  }
}

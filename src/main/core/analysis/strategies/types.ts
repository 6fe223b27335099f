import type { ModelManifest } from '../../../../shared/manifest.js';
import type { InferenceLane } from '../inference-lane.js';
import type { FramePacker } from '../preprocess.js';
import type { StageTimer } from '../stage-timer.js';
import type { FlowComputer } from '../flow/flow-computer.js';
import type { ResumeLedger, ResumePoint } from './resume-ledger.js';

/** A decoded frame as a strategy sees it: RGB24 at the decode plan's size. */
export interface FrameInput {
  index: number;
  data: Uint8Array;
}

/** Receives one probability row per frame, in frame order, each exactly once; `row` is only read during the call. */
export type RowSink = (frame: number, row: Float32Array) => void;

export interface StrategyContext {
  manifest: ModelManifest;
  packer: FramePacker;
  lane: InferenceLane;
  timer: StageTimer;
  emit: RowSink;
  /** First frame whose row is still needed (0, or where a resumed run continues). */
  resumeFrom: number;
  /** A resumed run's stored restart point (decoding restarts at its frame, with its state); null: from frame 0. */
  restart: ResumePoint | null;
  /** Told every point from which the computation can be restarted exactly (see [Note: exact resume]). */
  ledger: ResumeLedger;
  /** Samples per inference where the batch axis is dynamic. */
  batchSize: number;
  /** Frames per chunk for recurrent models whose time axis is dynamic. */
  chunkFrames: number;
  /** Frame models: analyse every Nth frame. Clip models: frames between window starts. */
  stride: number;
  windowStride: number;
  /** Two-stream models only. */
  flow: FlowComputer | null;
}

/**
 * How one model family turns a stream of frames into one probability row per frame (see
 * [Note: labelling strategies] in ./index.ts).
 */
export interface LabellingStrategy {
  /** Decoding starts here: the restart point's frame (at or before resumeFrom), or 0. */
  readonly decodeFrom: number;
  /** ffmpeg may drop frames other than every Nth when decoding from frame 0 (after a seek, the strategy selects). */
  readonly decodeStride: number;
  push(frame: FrameInput): Promise<void>;
  /** Every frame has been pushed and the video has `totalFrames` frames: emit all remaining rows. */
  finish(totalFrames: number): Promise<void>;
  /**
   * After decoding failed part-way: run what was decoded and emit every row that is final, so
   * the frames before the failure are kept.
   */
  salvage(): Promise<void>;
}

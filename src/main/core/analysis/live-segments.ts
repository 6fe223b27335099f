import type { PostprocessOptions, Segment } from '../../../shared/analysis.js';
import { applySegmentsUpdate, type RunSegmentsUpdate } from '../../../shared/engine.js';
import type { Store } from '../store/index.js';
import { deriveRunSegments, deriveRunSegmentsBetween } from './run-results.js';

/**
 * A running run's segments, kept up to date as chunks commit without re-deriving from frame 0:
 * each commit re-derives only a tail, from a margin before the frames already seen (the margin
 * covers the smoothing window and minimum durations, which look across it),
 * stores it in place of the old tail and sends the change as a `runs.segmentsChanged` update.
 * At the end the whole run is derived once (exact: what a finished run stores) and the difference
 * from what was sent goes out as the final update, so applying the updates in order always ends
 * in the final segments.
 */
export class LiveSegments {
  #sent: Segment[] = [];
  #seenFrames = 0;

  constructor(
    private readonly store: Store,
    private readonly runId: number,
    private readonly labels: readonly string[],
    private readonly fps: number,
    private readonly postprocess: PostprocessOptions,
    private readonly emit: (update: RunSegmentsUpdate) => void,
  ) {}

  /** Frames the tail re-derivation starts before the frames already seen. */
  get margin(): number {
    const { smoothing, minSegmentSec } = this.postprocess;
    const window = smoothing.kind === 'none' ? 0 : smoothing.windowFrames;
    return window + 2 * Math.ceil(minSegmentSec * this.fps) + 1;
  }

  /**
   * Chunks up to `framesDone` are committed. The tail is derived from `edge`; a segment crossing
   * the edge is joined to the tail's first segment when they agree, or cut at the edge: its
   * confidence is then provisional (frame-weighted), until finish() sends the exact segments.
   */
  commit(framesDone: number): void {
    if (framesDone <= this.#seenFrames) return;
    const edge = Math.max(0, this.#seenFrames - this.margin);
    let segments = deriveRunSegmentsBetween(this.store, this.runId, this.labels, this.fps, edge, framesDone, this.postprocess);
    let fromFrame = edge;
    const crossing = this.#sent.find((segment) => segment.startFrame < edge && segment.endFrame > edge);
    if (crossing) {
      fromFrame = crossing.startFrame;
      const head = segments[0];
      const before = edge - crossing.startFrame;
      if (head && head.startFrame === edge && head.label === crossing.label) {
        const after = head.endFrame - edge;
        segments = [{ ...crossing, endFrame: head.endFrame, endSec: head.endSec, confidence: (crossing.confidence * before + head.confidence * after) / (before + after) }, ...segments.slice(1)];
      } else {
        const endSec = head?.startFrame === edge ? head.startSec : crossing.startSec + before / this.fps;
        segments = [{ ...crossing, endFrame: edge, endSec }, ...segments];
      }
    }
    this.#seenFrames = framesDone;
    this.#apply({ runId: this.runId, fromFrame, segments, framesDone, final: false });
  }

  /** The run ended at `frameCount` frames (completed, failed or cancelled): its exact segments. */
  finish(frameCount: number): void {
    const whole = deriveRunSegments(this.store, this.runId, this.labels, this.fps, frameCount, this.postprocess);
    let same = 0;
    while (same < whole.length && same < this.#sent.length && sameSegment(whole[same]!, this.#sent[same]!)) same++;
    const fromFrame = Math.min(whole[same]?.startFrame ?? Infinity, this.#sent[same]?.startFrame ?? Infinity);
    this.#seenFrames = frameCount;
    this.#apply({ runId: this.runId, fromFrame: Number.isFinite(fromFrame) ? fromFrame : frameCount, segments: whole.slice(same), framesDone: frameCount, final: true });
  }

  #apply(update: RunSegmentsUpdate): void {
    this.store.segments.replaceRunTail(this.runId, update.fromFrame, update.segments);
    this.#sent = applySegmentsUpdate(this.#sent, update);
    this.emit(update);
  }
}

function sameSegment(a: Segment, b: Segment): boolean {
  return a.startFrame === b.startFrame && a.endFrame === b.endFrame && a.label === b.label && a.classIndex === b.classIndex && a.confidence === b.confidence && a.startSec === b.startSec && a.endSec === b.endSec;
}

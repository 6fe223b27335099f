import { span, type View } from './scale.js';

/** What a track holds: segments for [startFrame, endFrame) at `framesPerSegment` frames per segment at most. */
export interface Coverage {
  startFrame: number;
  endFrame: number;
  maxSegments: number;
}

/** Segments requested per pixel of the timeline: a little over one, so boundaries stay sharp. */
const SEGMENTS_PER_PX = 1.5;

/**
 * The range to fetch for a view: the view plus one view's width on either side (pan without
 * waiting), snapped to a grid of half the view's power-of-two span so small moves reuse the data.
 * `maxSegments` asks the store for a level of detail of about one segment per pixel.
 */
export function fetchWindow(view: View, width: number, total: number): Coverage {
  const length = Math.max(1, span(view));
  const grid = Math.max(1, 2 ** Math.ceil(Math.log2(length)) / 2);
  const startFrame = Math.max(0, Math.floor((view.start - length) / grid) * grid);
  const endFrame = Math.min(total, Math.ceil((view.end + length) / grid) * grid);
  const maxSegments = Math.min(20_000, Math.max(16, Math.ceil(((endFrame - startFrame) / length) * width * SEGMENTS_PER_PX)));
  return { startFrame, endFrame: Math.max(endFrame, startFrame + 1), maxSegments };
}

/** Whether fetched data still serves a view: it spans the view and is not more than twice too coarse. */
export function covers(coverage: Coverage | null, view: View, width: number, total: number): boolean {
  if (!coverage) return false;
  if (coverage.startFrame > view.start || coverage.endFrame < Math.min(total, view.end)) return false;
  const fetchedFramesPerSegment = (coverage.endFrame - coverage.startFrame) / coverage.maxSegments;
  const neededFramesPerSegment = span(view) / (width * SEGMENTS_PER_PX);
  return fetchedFramesPerSegment <= Math.max(1, neededFramesPerSegment * 2);
}

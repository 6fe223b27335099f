import type { Segment } from '../analysis.js';

/**
 * Level of detail for a timeline: at most `maxSegments` segments for the frame range
 * [startFrame, endFrame). Segments at least a bucket long keep their exact bounds; runs of
 * shorter ones (too thin to see one by one) become one segment with the label covering most of
 * their frames. Gaps (frames with no confident action) are kept. Shared by the core, which
 * reduces what it sends, and the renderer, which reduces previews it holds whole.
 */
export function reduceSegments(segments: readonly Segment[], startFrame: number, endFrame: number, maxSegments: number): Segment[] {
  if (segments.length <= maxSegments) return [...segments];
  // Every emitted item spans at least `bucket` frames, so about maxSegments / 2 of them fit in
  // the range, plus the ones sticking out at either edge.
  const bucket = Math.max(1, (2 * Math.max(1, endFrame - startFrame)) / Math.max(4, maxSegments));
  const out: Segment[] = [];
  let cluster: Segment[] = [];
  const flush = () => {
    if (cluster.length > 0) push(out, merge(cluster));
    cluster = [];
  };
  for (const segment of segments) {
    if (segment.endFrame - segment.startFrame >= bucket) {
      flush();
      push(out, segment);
      continue;
    }
    cluster.push(segment);
    const first = cluster[0] as Segment;
    if (segment.endFrame - first.startFrame >= bucket) flush();
  }
  flush();
  return out;
}

/** Appends, joining a segment to the previous one when they touch and share a label. */
function push(out: Segment[], segment: Segment): void {
  const last = out[out.length - 1];
  if (last && last.classIndex === segment.classIndex && last.label === segment.label && last.endFrame === segment.startFrame) {
    const a = last.endFrame - last.startFrame;
    const b = segment.endFrame - segment.startFrame;
    out[out.length - 1] = { ...last, endFrame: segment.endFrame, endSec: segment.endSec, confidence: (last.confidence * a + segment.confidence * b) / (a + b) };
    return;
  }
  out.push(segment);
}

/** One segment for a run of short ones: the label covering most frames, its mean confidence. */
function merge(cluster: readonly Segment[]): Segment {
  const first = cluster[0] as Segment;
  const last = cluster[cluster.length - 1] as Segment;
  if (cluster.length === 1) return first;
  const frames = new Map<string, { frames: number; weighted: number; segment: Segment }>();
  for (const segment of cluster) {
    const length = segment.endFrame - segment.startFrame;
    const key = `${segment.classIndex}:${segment.label}`;
    const entry = frames.get(key) ?? { frames: 0, weighted: 0, segment };
    entry.frames += length;
    entry.weighted += segment.confidence * length;
    frames.set(key, entry);
  }
  let best: { frames: number; weighted: number; segment: Segment } | undefined;
  for (const entry of frames.values()) if (!best || entry.frames > best.frames) best = entry;
  const winner = best as { frames: number; weighted: number; segment: Segment };
  return {
    label: winner.segment.label,
    classIndex: winner.segment.classIndex,
    startFrame: first.startFrame,
    endFrame: last.endFrame,
    startSec: first.startSec,
    endSec: last.endSec,
    confidence: winner.weighted / winner.frames,
  };
}

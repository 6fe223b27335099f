/**
 * Where the tracks of the compare view disagree: ground truth and any number of model tracks, each
 * a list of labelled half-open frame ranges (frames a track leaves uncovered have no label).
 * A frame disagrees when the tracks do not all give it the same label.
 */

export interface LabelledRange {
  label: string;
  startFrame: number;
  endFrame: number;
}

/** Frame → label (null where the track says nothing) of one track over [0, frames). */
export function labelsPerFrame(ranges: readonly LabelledRange[], frames: number): (string | null)[] {
  const labels = new Array<string | null>(frames).fill(null);
  for (const r of ranges) for (let f = Math.max(0, r.startFrame); f < Math.min(frames, r.endFrame); f++) labels[f] = r.label;
  return labels;
}

/** Maximal runs of frames where the tracks disagree, in frame order. */
export function disagreements(tracks: readonly (readonly LabelledRange[])[], frames: number): { startFrame: number; endFrame: number }[] {
  const perTrack = tracks.map((t) => labelsPerFrame(t, frames));
  const out: { startFrame: number; endFrame: number }[] = [];
  for (let f = 0; f < frames; f++) {
    const first = perTrack[0]?.[f] ?? null;
    const differs = perTrack.some((labels) => labels[f] !== first);
    const last = out.at(-1);
    if (!differs) continue;
    if (last && last.endFrame === f) last.endFrame = f + 1;
    else out.push({ startFrame: f, endFrame: f + 1 });
  }
  return out;
}

/** The start of the next (direction 1) or previous (-1) disagreement from `frame`, or null at the end. */
export function jump(ranges: readonly { startFrame: number; endFrame: number }[], frame: number, direction: 1 | -1): number | null {
  if (direction === 1) return ranges.find((r) => r.startFrame > frame)?.startFrame ?? null;
  return ranges.filter((r) => r.startFrame < frame).at(-1)?.startFrame ?? null;
}

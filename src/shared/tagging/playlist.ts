/** A playlist: a track's or run's segments filtered by label and confidence, in time order. */
export interface PlaylistItem {
  label: string;
  startFrame: number;
  endFrame: number;
  confidence: number;
}

export interface PlaylistFilter {
  labels: ReadonlySet<string>;
  minConfidence: number;
}

/** Keeps the items that pass the filter (no label chosen = every label), in time order. */
export function filterPlaylist(items: readonly PlaylistItem[], filter: PlaylistFilter): PlaylistItem[] {
  return items
    .filter((s) => (filter.labels.size === 0 || filter.labels.has(s.label)) && s.confidence >= filter.minConfidence)
    .sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame);
}

import { useEffect, useRef, useState } from 'react';
import type { Segment } from '../../../shared/analysis.js';
import { covers, fetchWindow, type Coverage } from '../../../shared/timeline/lod.js';
import type { View } from '../../../shared/timeline/scale.js';
import { reduceSegments } from '../../../shared/timeline/segment-lod.js';

export interface TrackSource {
  /** `run:<id>` or `annotation:<id>`. */
  key: string;
  /** Fetches the track's segments for a window at a level of detail (runs.segments, annotations.segments). */
  load(window: Coverage): Promise<Segment[]>;
  /** Changes when the stored segments may have changed (a running run's progress). */
  revision: number;
  /** Segments held whole in memory (a re-smoothing preview, a running run's live ones), reduced here instead of fetched. */
  preview?: readonly Segment[] | null;
}

export interface TrackData {
  coverage: Coverage | null;
  segments: Segment[];
  revision: number;
  error: string | null;
}

/**
 * Segments of every track for what the timeline shows. Only the visible range (plus a view on
 * either side) is fetched, at about one segment per pixel (the store's level of detail), and kept
 * until the view leaves it or zooms in past it; old data stays drawn while new data loads.
 */
export function useTimelineData(tracks: readonly TrackSource[], view: View, width: number, total: number): Map<string, TrackData> {
  const [held, setHeld] = useState<Map<string, TrackData>>(new Map());
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    if (width <= 0 || total <= 0) return;
    for (const track of tracks) {
      if (track.preview || inFlight.current.has(track.key)) continue;
      const current = held.get(track.key);
      if (current && current.revision === track.revision && covers(current.coverage, view, width, total)) continue;
      const window = fetchWindow(view, width, total);
      const { key, revision } = track;
      inFlight.current.add(key);
      const settle = (data: Partial<TrackData>) => {
        inFlight.current.delete(key);
        setHeld((map) => new Map(map).set(key, { coverage: null, segments: [], error: null, ...map.get(key), revision, ...data }));
      };
      track.load(window).then(
        (segments) => settle({ coverage: window, segments, error: null }),
        // Held as covering the window too, so a failing call is not repeated on every render.
        (error: Error) => settle({ coverage: window, error: error.message }),
      );
    }
  }, [tracks, view, width, total, held]);

  const out = new Map<string, TrackData>();
  for (const track of tracks) {
    if (track.preview) {
      const window = fetchWindow(view, width, total);
      const inRange = track.preview.filter((s) => s.endFrame > window.startFrame && s.startFrame < window.endFrame);
      out.set(track.key, { coverage: window, segments: reduceSegments(inRange, window.startFrame, window.endFrame, window.maxSegments), revision: track.revision, error: null });
    } else {
      const data = held.get(track.key);
      if (data) out.set(track.key, data);
    }
  }
  return out;
}

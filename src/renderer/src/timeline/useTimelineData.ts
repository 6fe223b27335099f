import { useEffect, useRef, useState } from 'react';
import type { Segment } from '../../../shared/analysis.js';
import { covers, fetchWindow, type Coverage } from '../../../shared/timeline/lod.js';
import type { View } from '../../../shared/timeline/scale.js';
import { reduceSegments } from '../../../shared/timeline/segment-lod.js';
import type { Client } from '../api/client.js';

export interface TrackSource {
  runId: number;
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
export function useTimelineData(client: Client, tracks: readonly TrackSource[], view: View, width: number, total: number): Map<number, TrackData> {
  const [held, setHeld] = useState<Map<number, TrackData>>(new Map());
  const inFlight = useRef(new Set<number>());

  useEffect(() => {
    if (width <= 0 || total <= 0) return;
    for (const track of tracks) {
      if (track.preview || inFlight.current.has(track.runId)) continue;
      const current = held.get(track.runId);
      if (current && current.revision === track.revision && covers(current.coverage, view, width, total)) continue;
      const window = fetchWindow(view, width, total);
      const { runId, revision } = track;
      inFlight.current.add(runId);
      const settle = (data: Partial<TrackData>) => {
        inFlight.current.delete(runId);
        setHeld((map) => new Map(map).set(runId, { coverage: null, segments: [], error: null, ...map.get(runId), revision, ...data }));
      };
      client.api['runs.segments']({ runId, ...window }).then(
        (segments) => settle({ coverage: window, segments, error: null }),
        (error: Error) => settle({ error: error.message }),
      );
    }
  }, [client, tracks, view, width, total, held]);

  const out = new Map<number, TrackData>();
  for (const track of tracks) {
    if (track.preview) {
      const window = fetchWindow(view, width, total);
      const inRange = track.preview.filter((s) => s.endFrame > window.startFrame && s.startFrame < window.endFrame);
      out.set(track.runId, { coverage: window, segments: reduceSegments(inRange, window.startFrame, window.endFrame, window.maxSegments), revision: track.revision, error: null });
    } else {
      const data = held.get(track.runId);
      if (data) out.set(track.runId, data);
    }
  }
  return out;
}

import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { flushSync } from 'react-dom';
import type { Segment } from '../../../shared/analysis.js';
import { hitTest } from '../../../shared/timeline/layout.js';
import { frameToX, panBy, xToFrame, zoomAt, type View } from '../../../shared/timeline/scale.js';
import { drawTimeline, RULER_H, trackAt, trackTop, TRACK_H, TRACK_GAP, type DrawTrack } from './draw.js';
import { Tooltip } from './Tooltip.js';

export interface TrackView extends DrawTrack {
  key: string;
  /** A run's own track, one of a skeleton run's people (its `id` is the track id), or an annotation track. */
  kind: 'run' | 'person' | 'annotation';
  id: number;
  title: string;
  detail: string;
  status: string;
  /** Shown across the track instead of segments (a failed run's reason). */
  message: string | null;
}

interface Props {
  tracks: readonly TrackView[];
  view: View;
  width: number;
  fps: number;
  timeOf(frame: number): number;
  total: number;
  frame: number;
  colors: Map<number, string>;
  onView(view: View): void;
  onSeek(frame: number): void;
}

/** The tracks on one canvas: wheel zooms at the cursor (Shift pans), drag pans, click seeks, hover explains. */
export function Timeline({ tracks, view, width, fps, timeOf, total, frame, colors, onView, onSeek }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ x: number; y: number; segment: Segment } | null>(null);
  const drag = useRef<{ x: number; view: View; moved: boolean } | null>(null);
  const drawnMarked = useRef(false);
  const height = trackTop(tracks.length) + 2;
  const latest = useRef({ view, width, total, onView });
  useLayoutEffect(() => {
    latest.current = { view, width, total, onView };
  });

  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    if (element.width !== Math.round(width * ratio) || element.height !== Math.round(height * ratio)) {
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
    }
    const ctx = element.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawTimeline(ctx, width, height, view, fps, timeOf, total, tracks, colors, hover?.segment ?? null);
    // For diagnostics and bench:ui: when segments were first on screen.
    if (!drawnMarked.current && tracks.some((t) => t.segments.length > 0)) {
      drawnMarked.current = true;
      performance.mark('actionlens:timeline-drawn');
    }
  }, [tracks, view, width, height, fps, timeOf, total, colors, hover]);

  // A non-passive listener: the wheel zooms the timeline, not the page.
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { view: v, width: w, total: t, onView: set } = latest.current;
      const x = event.offsetX;
      const horizontal = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
      const next = horizontal ? panBy(v, w, t, event.shiftKey ? event.deltaY : event.deltaX) : zoomAt(v, w, t, x, Math.exp(-event.deltaY * 0.0025));
      // Render and draw within this input event: the zoom shows in the very next frame, never a task later.
      flushSync(() => set(next));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const segmentAt = (x: number, y: number): Segment | null => {
    const index = trackAt(y);
    const track = tracks[index];
    if (!track || y < trackTop(index) || y > trackTop(index) + TRACK_H) return null;
    return hitTest(track.segments, view, width, x);
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.nativeEvent.offsetX, view, moved: false };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const { offsetX: x, offsetY: y } = event.nativeEvent;
    const d = drag.current;
    if (d) {
      if (Math.abs(x - d.x) > 3) d.moved = true;
      if (d.moved) flushSync(() => onView(panBy(d.view, width, total, d.x - x)));
      return;
    }
    const segment = segmentAt(x, y);
    setHover(segment ? { x, y, segment } : null);
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const { offsetX: x, offsetY: y } = event.nativeEvent;
    const segment = segmentAt(x, y);
    onSeek(segment ? segment.startFrame : Math.floor(xToFrame(view, width, x)));
  };

  const playheadX = frameToX(view, width, frame + 0.5);
  return (
    <div className="timeline-canvas-wrap" style={{ height }}>
      <canvas
        ref={canvas}
        style={{ width, height }}
        data-testid="timeline-canvas"
        aria-label={`Timeline: frames ${Math.floor(view.start)} to ${Math.ceil(view.end)}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(null)}
      />
      {tracks.map((track, i) =>
        track.message ? (
          <div key={track.key} className="track-message" style={{ top: trackTop(i), height: TRACK_H }} role="note">
            {track.message}
          </div>
        ) : null,
      )}
      {playheadX >= 0 && playheadX <= width && (
        <div className="playhead" style={{ transform: `translateX(${playheadX}px)`, width: Math.max(1, Math.min(width, frameToX(view, width, frame + 1) - frameToX(view, width, frame))) }} />
      )}
      {hover && <Tooltip x={hover.x} y={Math.max(RULER_H, hover.y) + TRACK_GAP} width={width} segment={hover.segment} />}
    </div>
  );
}

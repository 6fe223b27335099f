import type { Segment } from '../../../shared/analysis.js';
import { formatTime } from '../../../shared/timeline/scale.js';

/** Hover details of a segment: label, times, frames, confidence. */
export function Tooltip({ x, y, width, segment, fps }: { x: number; y: number; width: number; segment: Segment; fps: number }) {
  const left = Math.min(Math.max(0, x + 12), Math.max(0, width - 240));
  return (
    <div className="timeline-tooltip" style={{ left, top: y + 14 }} role="tooltip" data-testid="segment-tooltip" data-start-frame={segment.startFrame}>
      <strong>{segment.label}</strong>
      <div>
        {formatTime(segment.startFrame / fps, 2)} – {formatTime(segment.endFrame / fps, 2)} ({((segment.endFrame - segment.startFrame) / fps).toFixed(2)} s)
      </div>
      <div className="muted">
        frames {segment.startFrame}–{segment.endFrame - 1} · confidence {(segment.confidence * 100).toFixed(0)}%
      </div>
    </div>
  );
}

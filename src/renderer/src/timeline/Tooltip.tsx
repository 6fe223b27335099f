import type { Segment } from '../../../shared/analysis.js';
import { formatTime } from '../../../shared/timeline/scale.js';

/** Hover details of a segment: label, times (the engine's, on the video's own clock), frames, confidence. */
export function Tooltip({ x, y, width, segment }: { x: number; y: number; width: number; segment: Segment }) {
  const left = Math.min(Math.max(0, x + 12), Math.max(0, width - 240));
  return (
    <div className="timeline-tooltip" style={{ left, top: y + 14 }} role="tooltip" data-testid="segment-tooltip" data-start-frame={segment.startFrame}>
      <strong>{segment.label}</strong>
      <div>
        {formatTime(segment.startSec, 2)} – {formatTime(segment.endSec, 2)} ({(segment.endSec - segment.startSec).toFixed(2)} s)
      </div>
      <div className="muted">
        frames {segment.startFrame}–{segment.endFrame - 1} · confidence {(segment.confidence * 100).toFixed(0)}%
      </div>
    </div>
  );
}

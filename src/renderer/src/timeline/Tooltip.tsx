import type { Segment } from '../../../shared/analysis.js';
import { formatDuration, formatFrameRange } from '../../../shared/format.js';

/** Hover details of a segment: label, times (the engine's, on the video's own clock), frames, confidence. */
export function Tooltip({ x, y, width, segment }: { x: number; y: number; width: number; segment: Segment }) {
  const left = Math.min(Math.max(0, x + 12), Math.max(0, width - 240));
  return (
    <div className="timeline-tooltip" style={{ left, top: y + 14 }} role="tooltip" data-testid="segment-tooltip" data-start-frame={segment.startFrame}>
      <strong>{segment.label}</strong>
      <div>
        {formatDuration(segment.startSec, 2)} – {formatDuration(segment.endSec, 2)} ({(segment.endSec - segment.startSec).toFixed(2)} s)
      </div>
      <div className="muted">
        frames {formatFrameRange(segment.startFrame, segment.endFrame)} · confidence {(segment.confidence * 100).toFixed(0)}%
      </div>
    </div>
  );
}

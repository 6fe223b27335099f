import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Proposal, TagEdit, TagSegment } from '../../../shared/tagging/types.js';
import { useElementWidth } from '../common/useElementWidth.js';
import type { Selection } from './useTagging.js';
import { formatFrameRange } from '../../../shared/format.js';

interface Props {
  segments: readonly TagSegment[];
  proposals: readonly Proposal[];
  currentProposalId: number | null;
  colors: ReadonlyMap<string, string>;
  frameCount: number;
  frame: number;
  /** Instances opened in the code window and not closed yet: drawn growing to the playhead. */
  open: ReadonlyMap<string, number>;
  selection: Selection | null;
  onSelect(selection: Selection | null): void;
  onEdit(edit: TagEdit): void;
  onSeek(frame: number): void;
}

type Drag = { id: number; kind: 'start' | 'end' | 'move'; fromX: number; frame: number; moved: boolean };

const EDGE_PX = 6;

/** Sub-row of each segment so overlapping ones stay visible (first row free at its start). */
function stack(segments: readonly TagSegment[]): { rowOf: Map<number, number>; rows: number } {
  const ends: number[] = [];
  const rowOf = new Map<number, number>();
  for (const s of segments) {
    let row = ends.findIndex((end) => end <= s.startFrame);
    if (row < 0) row = ends.push(0) - 1;
    ends[row] = s.endFrame;
    rowOf.set(s.id, row);
  }
  return { rowOf, rows: Math.max(1, ends.length) };
}

/**
 * The active track on a timeline: click a segment to select it (the edge nearer the click is the
 * selected edge), drag an edge (snapping to frames and model edges) or the body (move); click the
 * empty lane to seek. Proposals of the chosen run are drawn above, hatched until decided.
 */
export function TagLane({ segments, proposals, currentProposalId, colors, frameCount, frame, open, selection, onSelect, onEdit, onSeek }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const [drag, setDrag] = useState<Drag | null>(null);
  const x = (f: number) => (width * f) / Math.max(1, frameCount);
  const frameAt = (px: number) => Math.max(0, Math.min(frameCount, Math.round((px / Math.max(1, width)) * frameCount)));

  const shown = (s: TagSegment): TagSegment => {
    if (!drag || drag.id !== s.id) return s;
    if (drag.kind === 'start') return { ...s, startFrame: Math.min(drag.frame, s.endFrame - 1) };
    if (drag.kind === 'end') return { ...s, endFrame: Math.max(drag.frame, s.startFrame + 1) };
    const delta = Math.max(-s.startFrame, Math.min(frameCount - s.endFrame, drag.frame));
    return { ...s, startFrame: s.startFrame + delta, endFrame: s.endFrame + delta };
  };

  const down = (event: ReactPointerEvent<HTMLDivElement>, s: TagSegment) => {
    event.stopPropagation();
    const box = ref.current!.getBoundingClientRect();
    const px = event.clientX - box.left;
    const kind = Math.abs(px - x(s.startFrame)) <= EDGE_PX ? 'start' : Math.abs(px - x(s.endFrame)) <= EDGE_PX ? 'end' : 'move';
    (event.target as Element).setPointerCapture?.(event.pointerId);
    setDrag({ id: s.id, kind, fromX: px, frame: kind === 'move' ? 0 : kind === 'start' ? s.startFrame : s.endFrame, moved: false });
    const nearer = Math.abs(px - x(s.startFrame)) < Math.abs(px - x(s.endFrame)) ? 'start' : 'end';
    onSelect({ id: s.id, edge: kind === 'move' ? nearer : kind });
  };
  const move = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const px = event.clientX - ref.current!.getBoundingClientRect().left;
    const frameNow = drag.kind === 'move' ? Math.round(((px - drag.fromX) / Math.max(1, width)) * frameCount) : frameAt(px);
    setDrag({ ...drag, frame: frameNow, moved: drag.moved || Math.abs(px - drag.fromX) > 2 });
  };
  const up = () => {
    if (!drag) return;
    setDrag(null);
    if (!drag.moved) return;
    if (drag.kind === 'move') {
      if (drag.frame !== 0) onEdit({ op: 'move', id: drag.id, deltaFrames: drag.frame });
    } else onEdit({ op: 'setEdge', id: drag.id, edge: drag.kind, frame: drag.frame, snap: true });
  };

  const { rowOf, rows } = stack(segments);
  const rowHeight = 100 / rows;
  return (
    <div
      className="tag-lane"
      ref={ref}
      data-testid="tag-lane"
      onPointerMove={move}
      onPointerUp={up}
      onPointerDown={(event) => {
        onSelect(null);
        onSeek(frameAt(event.clientX - ref.current!.getBoundingClientRect().left));
      }}
    >
      <div className="tag-row proposals-row" aria-label="Proposals">
        {proposals.map((p) => (
          <div
            key={p.id}
            className={`tag-proposal${p.decision ? ` decided ${p.decision}` : ''}${p.id === currentProposalId ? ' current' : ''}`}
            style={{ left: x(p.startFrame), width: Math.max(1, x(p.endFrame) - x(p.startFrame)), borderColor: colors.get(p.label) ?? '#888' }}
            title={`${p.label} ${formatFrameRange(p.startFrame, p.endFrame)} (${Math.round(p.confidence * 100)}%)${p.decision ? `: ${p.decision}ed` : ''}`}
            data-testid="proposal"
          />
        ))}
      </div>
      <div className="tag-row" aria-label="Track segments">
        {segments.map((raw) => {
          const s = shown(raw);
          const selected = selection?.id === s.id;
          return (
            <div
              key={s.id}
              className={`tag-segment${selected ? ` selected edge-${selection.edge}` : ''}`}
              style={{
                left: x(s.startFrame),
                width: Math.max(2, x(s.endFrame) - x(s.startFrame)),
                top: `${(rowOf.get(raw.id) ?? 0) * rowHeight}%`,
                height: `${rowHeight}%`,
                background: colors.get(s.label) ?? '#888',
              }}
              title={`${s.label} ${formatFrameRange(s.startFrame, s.endFrame)}`}
              data-testid="tag-segment"
              data-label={s.label}
              data-start={s.startFrame}
              data-end={s.endFrame}
              onPointerDown={(event) => down(event, raw)}
            >
              <span>{s.label}</span>
            </div>
          );
        })}
        {[...open].map(([label, from]) => (
          <div key={`open:${label}`} className="tag-segment open" style={{ left: x(from), width: Math.max(2, x(frame + 1) - x(from)), background: colors.get(label) ?? '#888' }} data-testid="open-instance">
            <span>{label}…</span>
          </div>
        ))}
      </div>
      <div className="tag-playhead" style={{ left: x(frame) }} />
    </div>
  );
}

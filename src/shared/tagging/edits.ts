/**
 * The edits of an annotation track as pure functions: (segments, edit) → the rows to write and
 * the ids to delete. The core stores the result in one transaction and keeps it for undo; the
 * renderer uses the same functions to preview a drag. Frames are half-open: [startFrame, endFrame).
 */
import { AppError } from '../errors.js';
import type { Edge, TagEdit, TagSegment } from './types.js';

/** A row to write: an existing id is updated, no id is inserted. */
export type SegmentWrite = Omit<TagSegment, 'id'> & { id?: number };

export interface EditResult {
  put: SegmentWrite[];
  remove: number[];
}

export interface EditContext {
  frameCount: number;
  /** Frames an edge snaps to when dragged near them (e.g. a model run's segment edges). */
  snapTargets?: readonly number[];
  /** How near (in frames) an edge must come to a target to snap to it. */
  snapFrames?: number;
}

const invalid = (field: string, message: string) => new AppError('INVALID_ARGUMENT', message, { field });

function find(segments: readonly TagSegment[], id: number): TagSegment {
  const segment = segments.find((s) => s.id === id);
  if (!segment) throw new AppError('NOT_FOUND', `No segment ${id} on this track.`, { field: 'id' });
  return segment;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The nearest target within `within` frames of `frame`, else `frame` (ties go to the earlier target). */
export function snapFrame(frame: number, targets: readonly number[], within: number): number {
  let best = frame;
  let bestDistance = within + 1;
  for (const target of targets) {
    const distance = Math.abs(target - frame);
    if (distance < bestDistance || (distance === bestDistance && target < best)) {
      best = target;
      bestDistance = distance;
    }
  }
  return bestDistance <= within ? best : frame;
}

/** Segments in timeline order: by start, then end, then id. */
export function sortSegments<T extends { startFrame: number; endFrame: number; id?: number }>(segments: readonly T[]): T[] {
  return [...segments].sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame || (a.id ?? 0) - (b.id ?? 0));
}

function label(value: string): string {
  const name = value.trim();
  if (!name) throw invalid('label', 'A label must not be empty.');
  return name;
}

/** Moves one edge to `frame` (clamped to the video and to one frame from the other edge). */
function withEdge(segment: TagSegment, edge: Edge, frame: number, frameCount: number): TagSegment {
  const rounded = Math.round(frame);
  if (edge === 'start') return { ...segment, startFrame: clamp(rounded, 0, segment.endFrame - 1) };
  return { ...segment, endFrame: clamp(rounded, segment.startFrame + 1, frameCount) };
}

export function applyEdit(segments: readonly TagSegment[], edit: TagEdit, ctx: EditContext): EditResult {
  const { frameCount } = ctx;
  switch (edit.op) {
    case 'create': {
      const startFrame = clamp(Math.round(Math.min(edit.startFrame, edit.endFrame)), 0, frameCount);
      const endFrame = clamp(Math.round(Math.max(edit.startFrame, edit.endFrame)), 0, frameCount);
      if (endFrame <= startFrame) throw invalid('endFrame', `A segment needs at least one frame (got ${startFrame}–${endFrame}).`);
      return { put: [{ label: label(edit.label), startFrame, endFrame }], remove: [] };
    }
    case 'setEdge': {
      const segment = find(segments, edit.id);
      const target = edit.snap ? snapFrame(edit.frame, ctx.snapTargets ?? [], ctx.snapFrames ?? 0) : edit.frame;
      return { put: [withEdge(segment, edit.edge, target, frameCount)], remove: [] };
    }
    case 'nudge': {
      const segment = find(segments, edit.id);
      const frame = (edit.edge === 'start' ? segment.startFrame : segment.endFrame) + edit.delta;
      return { put: [withEdge(segment, edit.edge, frame, frameCount)], remove: [] };
    }
    case 'move': {
      const segment = find(segments, edit.id);
      const delta = clamp(Math.round(edit.deltaFrames), -segment.startFrame, frameCount - segment.endFrame);
      return { put: [{ ...segment, startFrame: segment.startFrame + delta, endFrame: segment.endFrame + delta }], remove: [] };
    }
    case 'split': {
      const segment = find(segments, edit.id);
      const at = Math.round(edit.atFrame);
      if (at <= segment.startFrame || at >= segment.endFrame) {
        throw invalid('atFrame', `Frame ${at} is not inside segment ${segment.id} (${segment.startFrame}–${segment.endFrame}).`);
      }
      return { put: [{ ...segment, endFrame: at }, { label: segment.label, startFrame: at, endFrame: segment.endFrame }], remove: [] };
    }
    case 'merge': {
      const a = find(segments, edit.id);
      const b = find(segments, edit.withId);
      const ordered = sortSegments(segments);
      const ia = ordered.indexOf(a);
      const ib = ordered.indexOf(b);
      if (Math.abs(ia - ib) !== 1) throw invalid('withId', `Segments ${a.id} and ${b.id} are not neighbours.`);
      const [first, second] = ia < ib ? [a, b] : [b, a];
      const merged = { ...first, startFrame: Math.min(a.startFrame, b.startFrame), endFrame: Math.max(a.endFrame, b.endFrame) };
      return { put: [merged], remove: [second.id] };
    }
    case 'relabel':
      return { put: [{ ...find(segments, edit.id), label: label(edit.label) }], remove: [] };
    case 'delete':
      return { put: [], remove: [find(segments, edit.id).id] };
  }
}

/** The segments after an edit, with `newIds` given to inserted rows in order (the preview of an edit). */
export function segmentsAfter(segments: readonly TagSegment[], result: EditResult, newIds: () => number): TagSegment[] {
  const removed = new Set(result.remove);
  const byId = new Map(segments.filter((s) => !removed.has(s.id)).map((s) => [s.id, s]));
  for (const write of result.put) {
    const id = write.id ?? newIds();
    byId.set(id, { ...write, id });
  }
  return sortSegments([...byId.values()]);
}

/**
 * One-key trim of a proposal: the edge nearer the playhead moves to it (the end to just after
 * the frame on screen, so that frame stays in). Undefined when the playhead is outside it.
 */
export function trimToPlayhead(range: { startFrame: number; endFrame: number }, frame: number): { startFrame: number; endFrame: number } | undefined {
  if (frame < range.startFrame || frame >= range.endFrame) return undefined;
  if (frame - range.startFrame <= range.endFrame - 1 - frame) return { startFrame: frame, endFrame: range.endFrame };
  return { startFrame: range.startFrame, endFrame: frame + 1 };
}

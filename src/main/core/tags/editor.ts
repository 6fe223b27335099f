/**
 * Editable annotation tracks: every edit (and every proposal decision) is one transaction on the
 * store, so a crash loses nothing that was shown; undo/redo replay the rows an edit touched.
 * [Note: the undo history lives in memory per track (this process); the rows themselves are on disk.]
 */
import { AppError } from '../../../shared/errors.js';
import { RESERVED_KEYS } from '../../../shared/tagging/code-window.js';
import { applyEdit, sortSegments, type EditContext } from '../../../shared/tagging/edits.js';
import type { ProposalDecision, TagEdit, TagSegment, TrackLabel, TrackState } from '../../../shared/tagging/types.js';
import type { Store } from '../store/index.js';
import { TagsRepository, type TagRow } from '../store/tags.js';
import { usableFps } from '../../../shared/media.js';

/** What one edit changed: the touched rows before and after (absent = did not exist), and the decision it recorded. */
interface HistoryEntry {
  before: TagSegment[];
  after: TagSegment[];
  decision?: ProposalDecision;
}

const HISTORY_LIMIT = 500;
/** An edge dragged within this many frames of a model segment's edge lands on it. */
export const SNAP_FRAMES = 3;

export class TagEditor {
  readonly tags: TagsRepository;
  private readonly undoStacks = new Map<number, HistoryEntry[]>();
  private readonly redoStacks = new Map<number, HistoryEntry[]>();

  constructor(private readonly store: Store) {
    this.tags = new TagsRepository(store.db);
  }

  track(trackId: number) {
    const track = this.store.annotations.get(trackId);
    if (!track) throw new AppError('NOT_FOUND', `No annotation track with id ${trackId}.`, { field: 'trackId' });
    const video = this.store.videos.get(track.videoId);
    if (!video) throw new AppError('NOT_FOUND', `The video of annotation track ${trackId} is gone.`, { field: 'trackId' });
    const fps = usableFps(video.probe.video.fps);
    const frameCount = video.probe.video.frameCount ?? Math.round(video.probe.durationSec * fps);
    return { track, fps, frameCount };
  }

  segments(trackId: number): TagSegment[] {
    return this.store.segments.listForTrack(trackId).map(({ id, label, startFrame, endFrame }) => ({ id, label, startFrame, endFrame }));
  }

  state(trackId: number): TrackState {
    const { track, fps, frameCount } = this.track(trackId);
    return {
      trackId,
      name: track.name,
      videoId: track.videoId,
      labels: this.tags.labels(trackId),
      segments: this.segments(trackId),
      frameCount,
      fps,
      canUndo: (this.undoStacks.get(trackId)?.length ?? 0) > 0,
      canRedo: (this.redoStacks.get(trackId)?.length ?? 0) > 0,
    };
  }

  createTrack(videoId: number, name: string, labels: readonly TrackLabel[] = []): TrackState {
    if (!this.store.videos.get(videoId)) throw new AppError('NOT_FOUND', `No video with id ${videoId} in the library.`, { field: 'videoId' });
    const track = this.store.transaction(() => {
      const created = this.store.annotations.create(videoId, name.trim());
      this.tags.setLabels(created.id, checkLabels(labels));
      return created;
    });
    return this.state(track.id);
  }

  renameTrack(trackId: number, name: string): TrackState {
    this.track(trackId);
    this.store.annotations.rename(trackId, name.trim());
    return this.state(trackId);
  }

  deleteTrack(trackId: number): boolean {
    this.undoStacks.delete(trackId);
    this.redoStacks.delete(trackId);
    return this.store.annotations.remove(trackId);
  }

  setLabels(trackId: number, labels: readonly TrackLabel[]): TrackState {
    this.track(trackId);
    this.store.transaction(() => this.tags.setLabels(trackId, checkLabels(labels)));
    return this.state(trackId);
  }

  /** Applies one edit; `snapRunId` names a run whose segment edges dragged edges snap to. */
  edit(trackId: number, edit: TagEdit, snapRunId?: number): TrackState & { changedIds: number[] } {
    const { frameCount } = this.track(trackId);
    const ctx: EditContext = { frameCount, snapTargets: snapRunId === undefined ? [] : this.runEdges(snapRunId), snapFrames: SNAP_FRAMES };
    const changedIds = this.store.transaction(() => this.applyAndRecord(trackId, edit, ctx));
    return { ...this.state(trackId), changedIds };
  }

  /** Inside a transaction: applies the edit, pushes its history entry, returns the ids written. */
  applyAndRecord(trackId: number, edit: TagEdit, ctx: EditContext, decision?: Omit<ProposalDecision, 'id' | 'segmentId'>): number[] {
    const { fps } = this.track(trackId);
    const current = this.segments(trackId);
    const result = applyEdit(current, edit, ctx);
    const touched = new Set([...result.remove, ...result.put.flatMap((w) => (w.id === undefined ? [] : [w.id]))]);
    const before = current.filter((s) => touched.has(s.id));
    for (const id of result.remove) this.tags.deleteSegment(trackId, id);
    const after: TagSegment[] = result.put.map((write) => {
      const row = withSeconds({ ...write, id: write.id ?? 0 }, fps);
      if (write.id === undefined) return { ...strip(row), id: this.tags.insertSegment(trackId, { ...row, id: undefined }) };
      this.tags.updateSegment(trackId, row);
      return strip(row);
    });
    const entry: HistoryEntry = { before, after };
    if (decision) {
      const recorded = { ...decision, segmentId: after[0]?.id ?? null };
      entry.decision = { ...recorded, id: this.tags.insertDecision(recorded) };
    }
    this.push(this.undoStacks, trackId, entry);
    this.redoStacks.delete(trackId);
    return after.map((s) => s.id);
  }

  /** Records a decision that writes no segment (a reject), undoable like an edit. */
  recordOnly(trackId: number, decision: Omit<ProposalDecision, 'id' | 'segmentId'>): void {
    this.store.transaction(() => {
      const recorded = { ...decision, segmentId: null };
      this.push(this.undoStacks, trackId, { before: [], after: [], decision: { ...recorded, id: this.tags.insertDecision(recorded) } });
      this.redoStacks.delete(trackId);
    });
  }

  undo(trackId: number): TrackState {
    const entry = this.undoStacks.get(trackId)?.pop();
    if (!entry) throw new AppError('INVALID_ARGUMENT', 'Nothing to undo on this track.', { field: 'trackId' });
    this.store.transaction(() => {
      this.replace(trackId, entry.after, entry.before);
      if (entry.decision) this.tags.deleteDecision(entry.decision.id);
    });
    this.push(this.redoStacks, trackId, entry);
    return this.state(trackId);
  }

  redo(trackId: number): TrackState {
    const entry = this.redoStacks.get(trackId)?.pop();
    if (!entry) throw new AppError('INVALID_ARGUMENT', 'Nothing to redo on this track.', { field: 'trackId' });
    this.store.transaction(() => {
      this.replace(trackId, entry.before, entry.after);
      if (entry.decision) this.tags.insertDecision(entry.decision);
    });
    this.push(this.undoStacks, trackId, entry);
    return this.state(trackId);
  }

  /** Every start and end frame of a run's segments, sorted: the snap targets. */
  runEdges(runId: number): number[] {
    const edges = new Set<number>();
    for (const s of this.store.segments.listForRun(runId)) edges.add(s.startFrame).add(s.endFrame);
    return [...edges].sort((a, b) => a - b);
  }

  private replace(trackId: number, remove: readonly TagSegment[], put: readonly TagSegment[]): void {
    const { fps } = this.track(trackId);
    for (const row of remove) this.tags.deleteSegment(trackId, row.id);
    for (const row of put) this.tags.insertSegment(trackId, withSeconds(row, fps));
  }

  private push(stacks: Map<number, HistoryEntry[]>, trackId: number, entry: HistoryEntry): void {
    const stack = stacks.get(trackId) ?? [];
    stack.push(entry);
    if (stack.length > HISTORY_LIMIT) stack.shift();
    stacks.set(trackId, stack);
  }
}

const withSeconds = (s: TagSegment, fps: number): TagRow => ({ ...s, startSec: s.startFrame / fps, endSec: s.endFrame / fps });
const strip = ({ id, label, startFrame, endFrame }: TagRow): TagSegment => ({ id, label, startFrame, endFrame });

function checkLabels(labels: readonly TrackLabel[]): TrackLabel[] {
  const names = new Set<string>();
  const keys = new Set<string>();
  return labels.map((label, i) => {
    const name = label.name.trim();
    if (!name) throw new AppError('INVALID_ARGUMENT', `Label ${i + 1} has no name.`, { field: `labels.${i}.name` });
    if (names.has(name)) throw new AppError('INVALID_ARGUMENT', `The label "${name}" is listed twice.`, { field: `labels.${i}.name` });
    names.add(name);
    const hotkey = label.hotkey?.toLowerCase() || null;
    if (hotkey && RESERVED_KEYS.has(hotkey)) throw new AppError('INVALID_ARGUMENT', `The hotkey "${hotkey}" is taken by the player or the editor; use a digit or another letter.`, { field: `labels.${i}.hotkey` });
    if (hotkey && keys.has(hotkey)) throw new AppError('INVALID_ARGUMENT', `The hotkey "${hotkey}" is used by two labels.`, { field: `labels.${i}.hotkey` });
    if (hotkey) keys.add(hotkey);
    return { ...label, name, hotkey };
  });
}

export { sortSegments };

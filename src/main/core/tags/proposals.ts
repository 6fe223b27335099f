/**
 * Model-proposed tags: a run's segments offered on an analyst's track. Accept copies one into
 * the track (the analyst's own segment from then on), trim copies it with new edges, reject
 * copies nothing; each decision is recorded with the label and edges before and after, and is
 * undone with the track's undo like any edit.
 */
import { AppError } from '../../../shared/errors.js';
import type { DecisionKind, Proposal, ProposalDecision } from '../../../shared/tagging/types.js';
import type { Store } from '../store/index.js';
import type { TagEditor } from './editor.js';
import { PALETTE } from '../../../shared/timeline/colors.js';
import { defaultLabels } from './labels.js';

export interface DecideRequest {
  trackId: number;
  runId: number;
  proposalId: number;
  decision: DecisionKind;
  /** accept: keep the proposal's label unless given. trim: the new edges (required). */
  label?: string;
  startFrame?: number;
  endFrame?: number;
}

export class Proposals {
  constructor(
    private readonly store: Store,
    private readonly editor: TagEditor,
  ) {}

  /** The run's segments, in frame order, each with the latest decision taken on it for this track. */
  list(trackId: number, runId: number): Proposal[] {
    const { track } = this.editor.track(trackId);
    const run = this.store.runs.get(runId);
    if (!run) throw new AppError('NOT_FOUND', `No run with id ${runId}.`, { field: 'runId' });
    if (run.videoId !== track.videoId) throw new AppError('INVALID_ARGUMENT', `Run ${runId} is of another video than track ${trackId}.`, { field: 'runId' });
    const decided = new Map<number, DecisionKind>();
    for (const d of this.editor.tags.decisions(trackId)) if (d.runId === runId) decided.set(d.proposalId, d.decision);
    return this.store.segments.listForRun(runId).map((s) => ({
      id: s.id,
      label: s.label,
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      confidence: s.confidence ?? 1,
      decision: decided.get(s.id) ?? null,
    }));
  }

  decide(request: DecideRequest): ProposalDecision | null {
    const proposal = this.list(request.trackId, request.runId).find((p) => p.id === request.proposalId);
    if (!proposal) throw new AppError('NOT_FOUND', `Run ${request.runId} has no segment ${request.proposalId}.`, { field: 'proposalId' });
    const base = {
      trackId: request.trackId,
      runId: request.runId,
      proposalId: proposal.id,
      decision: request.decision,
      labelBefore: proposal.label,
      startBefore: proposal.startFrame,
      endBefore: proposal.endFrame,
      decidedAt: new Date().toISOString(),
    };
    if (request.decision === 'reject') {
      this.editor.recordOnly(request.trackId, { ...base, labelAfter: null, startAfter: null, endAfter: null });
    } else {
      if (request.decision === 'trim' && (request.startFrame === undefined || request.endFrame === undefined)) {
        throw new AppError('INVALID_ARGUMENT', 'A trim needs the new startFrame and endFrame.', { field: request.startFrame === undefined ? 'startFrame' : 'endFrame' });
      }
      const label = request.label ?? proposal.label;
      const startFrame = request.startFrame ?? proposal.startFrame;
      const endFrame = request.endFrame ?? proposal.endFrame;
      const { frameCount } = this.editor.track(request.trackId);
      this.store.transaction(() => {
        // A label the track's set lacks joins it (its own colour, no hotkey), so the segment is drawn and coded like the others.
        const labels = this.editor.tags.labels(request.trackId);
        if (!labels.some((l) => l.name === label)) this.editor.tags.setLabels(request.trackId, [...labels, ...defaultLabels([label]).map((l, i) => ({ ...l, color: PALETTE[(labels.length + i) % PALETTE.length]!, hotkey: null }))]);
        this.editor.applyAndRecord(request.trackId, { op: 'create', label, startFrame, endFrame }, { frameCount }, { ...base, labelAfter: label, startAfter: startFrame, endAfter: endFrame });
      });
    }
    return this.editor.tags.decisions(request.trackId).at(-1) ?? null;
  }

  /** The corrections of a track as CSV: one row per decision. */
  correctionsCsv(trackId: number): string {
    const rows = this.editor.tags.decisions(trackId);
    const header = 'decision,run_id,proposal_id,label_before,label_after,start_before,end_before,start_after,end_after,segment_id,decided_at';
    const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`);
    const lines = rows.map((d) =>
      [d.decision, d.runId, d.proposalId, d.labelBefore, d.labelAfter, d.startBefore, d.endBefore, d.startAfter, d.endAfter, d.segmentId, d.decidedAt].map(cell).join(','),
    );
    return [header, ...lines].join('\n') + '\n';
  }
}

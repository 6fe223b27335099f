import { useCallback, useMemo, useState } from 'react';
import type { RunSummary } from '../../../shared/engine.js';
import { closeInstance, fixedInstance, openFrame } from '../../../shared/tagging/code-window.js';
import { trimToPlayhead } from '../../../shared/tagging/edits.js';
import type { TrackLabel } from '../../../shared/tagging/types.js';
import type { Client } from '../api/client.js';
import { CodeWindow } from './CodeWindow.js';
import { ExportMenu } from './ExportMenu.js';
import { TagLane } from './TagLane.js';
import { TrackBar } from './TrackBar.js';
import { PlaylistPanel } from './PlaylistPanel.js';
import { SideBySide } from './SideBySide.js';
import type { Player } from '../video/usePlayer.js';
import { useTagging } from './useTagging.js';
import { useTaggingKeys } from './useTaggingKeys.js';
import { formatFrameRange } from '../../../shared/format.js';

interface Props {
  client: Client;
  videoId: number;
  runs: readonly RunSummary[];
  fps: number;
  player: Player;
  /** Another view shows the tracks (the timeline): it reloads. */
  onTracksChanged(): void;
}

/** Tagging: editable tracks, the code window, the model's proposals and export, under the timeline. */
export function TaggingPanel({ client, videoId, runs, fps, player, onTracksChanged }: Props) {
  const { frame, seekFrame: onSeek } = player;
  const tagging = useTagging(client, videoId, onTracksChanged);
  const { state, proposals, proposalIndex } = tagging;
  const [open, setOpen] = useState<Map<string, number>>(new Map());
  const [dual, setDual] = useState(false);
  const frameCount = state?.frameCount ?? 1;
  const colors = useMemo(() => new Map(state?.labels.map((l) => [l.name, l.color]) ?? []), [state?.labels]);
  const current = proposals[proposalIndex] ?? null;

  const press = useCallback(
    (label: TrackLabel) => {
      if (label.mode === 'fixed') {
        void tagging.edit({ op: 'create', label: label.name, ...fixedInstance(label, frame, fps, frameCount) });
        return;
      }
      const openedAt = open.get(label.name);
      const next = new Map(open);
      if (openedAt === undefined) next.set(label.name, openFrame(label, frame, fps));
      else {
        next.delete(label.name);
        void tagging.edit({ op: 'create', label: label.name, ...closeInstance(label, openedAt, frame, fps, frameCount) });
      }
      setOpen(next);
    },
    [open, frame, fps, frameCount, tagging],
  );
  const gotoProposal = useCallback(
    (delta: 1 | -1) => {
      const index = Math.max(0, Math.min(proposals.length - 1, proposalIndex + delta));
      tagging.setProposalIndex(index);
      if (proposals[index]) onSeek(proposals[index].startFrame);
    },
    [proposals, proposalIndex, tagging, onSeek],
  );
  const trim = useCallback(() => {
    if (!current) return;
    const edges = trimToPlayhead(current, frame);
    if (!edges) tagging.setError('Move the playhead inside the proposal to trim it there (t).');
    else void tagging.decide('trim', current, edges);
  }, [current, frame, tagging]);

  useTaggingKeys(tagging, {
    press,
    acceptProposal: () => current && void tagging.decide('accept', current),
    rejectProposal: () => current && void tagging.decide('reject', current),
    trimProposal: trim,
    gotoProposal,
    frame: () => frame,
  });

  return (
    <section className="tagging-panel" aria-label="Tagging">
      <TrackBar tagging={tagging} />
      <div>
        <button type="button" onClick={() => setDual(!dual)} aria-pressed={dual}>Side by side</button>
      </div>
      {dual && <SideBySide client={client} main={player} videoId={videoId} />}
      {state && (
        <>
          <CodeWindow labels={state.labels} open={open} onPress={press} onSaveLabels={tagging.setLabels} />
          <TagLane
            segments={state.segments}
            proposals={proposals}
            currentProposalId={current?.id ?? null}
            colors={colors}
            frameCount={frameCount}
            frame={frame}
            open={open}
            selection={tagging.selection}
            onSelect={tagging.setSelection}
            onEdit={(edit) => void tagging.edit(edit, tagging.proposalRunId ?? runs.at(-1)?.id)}
            onSeek={onSeek}
          />
          <div className="proposal-bar">
            <label>
              Proposals from{' '}
              <select value={tagging.proposalRunId ?? ''} onChange={(e) => tagging.setProposalRunId(e.target.value ? Number(e.target.value) : null)} aria-label="Proposals from run">
                <option value="">(none)</option>
                {runs.filter((r) => r.status === 'completed').map((r) => (
                  <option key={r.id} value={r.id}>{r.modelId} #{r.id}</option>
                ))}
              </select>
            </label>
            {current && (
              <span className="proposal-current" data-testid="proposal-current">
                {proposalIndex + 1}/{proposals.length}: <b>{current.label}</b> {formatFrameRange(current.startFrame, current.endFrame)} ({Math.round(current.confidence * 100)}%)
                {current.decision ? ` · ${current.decision}ed` : ''}
                <button type="button" onClick={() => gotoProposal(-1)} title="Previous proposal (p)">‹</button>
                <button type="button" onClick={() => void tagging.decide('accept', current)} title="Accept (a)">Accept</button>
                <button type="button" onClick={trim} title="Trim the nearer edge to the playhead (t)">Trim</button>
                <button type="button" onClick={() => void tagging.decide('reject', current)} title="Reject (r)">Reject</button>
                <button type="button" onClick={() => gotoProposal(1)} title="Next proposal (n)">›</button>
              </span>
            )}
            <span className="spacer" />
            <ExportMenu client={client} trackId={state.trackId} runs={runs} />
          </div>
          <PlaylistPanel client={client} player={player} state={state} runs={runs} />
          <p className="muted tag-help">
            Keys: label key starts/ends an instance · click a segment, drag edges or body · <kbd>,</kbd>/<kbd>.</kbd> nudge edge · <kbd>e</kbd> other edge · <kbd>s</kbd> split · <kbd>m</kbd> merge next · <kbd>Shift</kbd>+label key relabel · <kbd>Del</kbd> delete · <kbd>Ctrl</kbd>+<kbd>Z</kbd>/<kbd>Y</kbd> undo/redo · proposals <kbd>a</kbd> accept <kbd>r</kbd> reject <kbd>t</kbd> trim <kbd>n</kbd>/<kbd>p</kbd> next/previous
          </p>
        </>
      )}
      {tagging.error && <p className="error" role="alert">{tagging.error}</p>}
    </section>
  );
}

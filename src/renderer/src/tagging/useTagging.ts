import { useCallback, useEffect, useState } from 'react';
import type { AnnotationTrackSummary } from '../../../shared/library.js';
import type { Proposal, TagEdit, TrackLabel, TrackState } from '../../../shared/tagging/types.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

export interface Selection {
  id: number;
  edge: 'start' | 'end';
}

/**
 * The tagging screen's state: the video's tracks, the active one (labels, segments, undo), the
 * selected segment and edge, and the proposals of a run. Every change goes to the core at once
 * (one transaction per edit); the state shown is what the core answered.
 */
export function useTagging(client: Client, videoId: number, onTracksChanged: () => void) {
  const [tracks, setTracks] = useState<AnnotationTrackSummary[]>([]);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [loaded, setState] = useState<TrackState | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [proposalRunId, setProposalRunId] = useState<number | null>(null);
  const [loadedProposals, setProposals] = useState<{ key: string; list: Proposal[] }>({ key: '', list: [] });
  const [proposalIndex, setProposalIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    client.api['annotations.listForVideo']({ videoId }).then(
      (list) => {
        if (!live) return;
        setTracks(list);
        setActiveId((id) => (id !== null && list.some((t) => t.id === id) ? id : (list.at(-1)?.id ?? null)));
      },
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [client, videoId, tick]);

  useEffect(() => {
    if (activeId === null) return;
    let live = true;
    client.api['tags.state']({ trackId: activeId }).then((s) => live && setState(s), (e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [client, activeId]);

  const loadProposals = useCallback(() => {
    if (activeId === null || proposalRunId === null) return;
    const key = `${activeId}:${proposalRunId}`;
    client.api['tags.proposals']({ trackId: activeId, runId: proposalRunId }).then((list) => setProposals({ key, list }), (e) => setError(errorText(e)));
  }, [client, activeId, proposalRunId]);
  useEffect(() => loadProposals(), [loadProposals]);
  // What is shown follows the choices: a track or run no longer chosen shows nothing while the next loads.
  const state = activeId !== null && loaded?.trackId === activeId ? loaded : null;
  const proposals = loadedProposals.key === `${activeId}:${proposalRunId}` ? loadedProposals.list : [];

  /** Runs a call that answers the track's new state; reports its error instead of throwing. */
  const act = useCallback(
    async <T extends TrackState>(call: () => Promise<T>): Promise<T | null> => {
      setError(null);
      try {
        const next = await call();
        setState(next);
        onTracksChanged();
        setTick((t) => t + 1);
        return next;
      } catch (e) {
        setError(errorText(e));
        return null;
      }
    },
    [onTracksChanged],
  );

  const edit = useCallback(
    async (change: TagEdit, snapRunId?: number) => {
      if (activeId === null) return null;
      const next = await act(() => client.api['tags.edit']({ trackId: activeId, edit: change, snapRunId }));
      if (next && change.op === 'delete') setSelection(null);
      else if (next && next.changedIds[0] !== undefined && change.op !== 'merge') setSelection((s) => ({ id: next.changedIds[0]!, edge: s?.edge ?? 'end' }));
      return next;
    },
    [client, activeId, act],
  );
  const undo = useCallback(async () => {
    if (activeId === null) return;
    await act(() => client.api['tags.undo']({ trackId: activeId }));
    loadProposals();
  }, [client, activeId, act, loadProposals]);
  const redo = useCallback(async () => {
    if (activeId === null) return;
    await act(() => client.api['tags.redo']({ trackId: activeId }));
    loadProposals();
  }, [client, activeId, act, loadProposals]);

  const createTrack = useCallback(
    async (name: string, labels: TrackLabel[]) => {
      const created = await act(() => client.api['tags.createTrack']({ videoId, name, labels }));
      if (created) {
        setActiveId(created.trackId);
        setTick((t) => t + 1);
      }
    },
    [client, videoId, act],
  );
  const renameTrack = useCallback(
    async (name: string) => {
      if (activeId === null) return;
      if (await act(() => client.api['tags.renameTrack']({ trackId: activeId, name }))) setTick((t) => t + 1);
    },
    [client, activeId, act],
  );
  const deleteTrack = useCallback(async () => {
    if (activeId === null) return;
    try {
      await client.api['tags.deleteTrack']({ trackId: activeId });
      setActiveId(null);
      setTick((t) => t + 1);
      onTracksChanged();
    } catch (e) {
      setError(errorText(e));
    }
  }, [client, activeId, onTracksChanged]);
  /** Reads an interchange file into new tracks; the first becomes the active one. */
  const importFile = useCallback(
    async (path: string) => {
      setError(null);
      try {
        const { trackIds } = await client.api['tags.import']({ videoId, path });
        if (trackIds[0] !== undefined) setActiveId(trackIds[0]);
        setTick((t) => t + 1);
        onTracksChanged();
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      }
    },
    [client, videoId, onTracksChanged],
  );
  const setLabels = useCallback(
    (labels: TrackLabel[]) => (activeId === null ? Promise.resolve(null) : act(() => client.api['tags.setLabels']({ trackId: activeId, labels }))),
    [client, activeId, act],
  );

  const decide = useCallback(
    async (decision: 'accept' | 'reject' | 'trim', proposal: Proposal, edges?: { startFrame: number; endFrame: number }) => {
      if (activeId === null || proposalRunId === null) return;
      setError(null);
      try {
        const { state: next } = await client.api['tags.decide']({ trackId: activeId, runId: proposalRunId, proposalId: proposal.id, decision, ...edges });
        setState(next);
        onTracksChanged();
        setTick((t) => t + 1);
        loadProposals();
        setProposalIndex((i) => Math.min(i + 1, Math.max(0, proposals.length - 1)));
      } catch (e) {
        setError(errorText(e));
      }
    },
    [client, activeId, proposalRunId, onTracksChanged, loadProposals, proposals.length],
  );

  return {
    tracks, activeId, setActiveId, state, selection, setSelection, error, setError,
    edit, undo, redo, createTrack, renameTrack, deleteTrack, setLabels, importFile,
    proposalRunId, setProposalRunId, proposals, proposalIndex, setProposalIndex, decide,
  };
}

export type Tagging = ReturnType<typeof useTagging>;

/** Every edit is one transaction on a real SQLite file; undo/redo put back exactly the rows an edit touched. */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/core/store/index.js';
import { TagEditor } from '../../../src/main/core/tags/editor.js';
import { Proposals } from '../../../src/main/core/tags/proposals.js';
import type { TagEdit, TrackLabel } from '../../../src/shared/tagging/types.js';
import { sampleModel, sampleVideo, useTempDir } from '../store/helpers.js';
import { testRunParams } from '../../helpers/run-params.js';

const LABELS: TrackLabel[] = [
  { name: 'pass', color: '#4e79a7', hotkey: 'Q', mode: 'toggle', fixedSec: 2, leadSec: 1, lagSec: 0.5 },
  { name: 'shot', color: '#e15759', hotkey: 'w', mode: 'fixed', fixedSec: 3, leadSec: 0, lagSec: 0 },
];

describe('TagEditor on a real database', () => {
  const temp = useTempDir();

  function setUp() {
    const file = path.join(temp.dir(), 'tags.db');
    const store = temp.track(openStore(file));
    const video = store.videos.upsert(sampleVideo());
    store.models.upsert(sampleModel());
    const run = store.runs.create({ videoId: video.id, modelId: 'cnn-lstm@1', params: testRunParams(), paramsHash: 'h', provider: 'cpu' });
    const seg = (label: string, startFrame: number, endFrame: number) => ({ label, classIndex: 0, startFrame, endFrame, startSec: startFrame / 30, endSec: endFrame / 30, confidence: 0.8 });
    store.segments.replaceForRun(run.id, [seg('walk', 0, 24), seg('run', 24, 60), seg('jump', 60, 90)]);
    const editor = new TagEditor(store);
    const track = editor.createTrack(video.id, ' My tags ', LABELS);
    return { file, store, editor, track, run, videoId: video.id };
  }

  it('creates a track with its label set (hotkeys lower-cased), renames and deletes it', () => {
    const { editor, track, videoId } = setUp();
    expect(track).toMatchObject({ name: 'My tags', frameCount: 300, fps: 30, segments: [], canUndo: false });
    expect(track.labels.map((l) => [l.name, l.hotkey, l.mode])).toEqual([['pass', 'q', 'toggle'], ['shot', 'w', 'fixed']]);
    expect(editor.renameTrack(track.trackId, 'Match 1').name).toBe('Match 1');
    expect(() => editor.createTrack(videoId, 'Match 1')).toThrow(/already has an annotation track named "Match 1"/);
    expect(() => editor.setLabels(track.trackId, [LABELS[0]!, { ...LABELS[1]!, hotkey: 'q' }])).toThrow(/hotkey "q" is used by two labels/);
    expect(() => editor.setLabels(track.trackId, [{ ...LABELS[0]!, hotkey: 'j' }])).toThrow(/hotkey "j" is taken by the player/);
    expect(editor.deleteTrack(track.trackId)).toBe(true);
    expect(() => editor.state(track.trackId)).toThrow(/No annotation track/);
  });

  it('stores each edit at once (a second connection sees it) and undoes/redoes every kind of edit', () => {
    const { file, editor, track, run } = setUp();
    const id = track.trackId;
    const reader = new BetterSqlite3(file, { readonly: true });
    const onDisk = () => reader.prepare('SELECT id, label, start_frame AS s, end_frame AS e FROM segments WHERE track_id = ? ORDER BY start_frame, id').all(id);
    const created = editor.edit(id, { op: 'create', label: 'pass', startFrame: 30, endFrame: 50 });
    const a = created.changedIds[0]!;
    expect(onDisk()).toEqual([{ id: a, label: 'pass', s: 30, e: 50 }]);
    const b = editor.edit(id, { op: 'create', label: 'shot', startFrame: 50, endFrame: 70 }).changedIds[0]!;
    const edits: TagEdit[] = [
      { op: 'setEdge', id: a, edge: 'start', frame: 22.4, snap: true },
      { op: 'nudge', id: a, edge: 'end', delta: 1 },
      { op: 'move', id: b, deltaFrames: 5 },
      { op: 'relabel', id: b, label: 'pass' },
      { op: 'split', id: b, atFrame: 60 },
      { op: 'delete', id: a },
    ];
    const states = [onDisk()];
    for (const edit of edits) {
      editor.edit(id, edit, run.id);
      states.push(onDisk());
    }
    expect(states[1]).toContainEqual({ id: a, label: 'pass', s: 24, e: 50 }); // snapped to the run's edge at 24
    expect(states[2]).toContainEqual({ id: a, label: 'pass', s: 24, e: 51 });
    expect(states[3]).toContainEqual({ id: b, label: 'shot', s: 55, e: 75 });
    expect(states[5]).toHaveLength(3);
    expect(states[6]).toHaveLength(2);
    for (let i = edits.length - 1; i >= 0; i--) {
      editor.undo(id);
      expect(onDisk()).toEqual(states[i]);
    }
    expect(editor.state(id).canUndo).toBe(true); // the two creates remain
    for (let i = 1; i <= edits.length; i++) {
      editor.redo(id);
      expect(onDisk()).toEqual(states[i]);
    }
    expect(() => editor.redo(id)).toThrow(/Nothing to redo/);
    // A new edit clears redo.
    editor.undo(id);
    editor.edit(id, { op: 'relabel', id: b, label: 'shot' });
    expect(editor.state(id).canRedo).toBe(false);
    reader.close();
  });

  it('merges neighbours and undoes the merge back to both rows with their own ids', () => {
    const { editor, track } = setUp();
    const id = track.trackId;
    const a = editor.edit(id, { op: 'create', label: 'pass', startFrame: 0, endFrame: 10 }).changedIds[0]!;
    const b = editor.edit(id, { op: 'create', label: 'shot', startFrame: 10, endFrame: 20 }).changedIds[0]!;
    expect(editor.edit(id, { op: 'merge', id: b, withId: a }).segments).toEqual([{ id: a, label: 'pass', startFrame: 0, endFrame: 20 }]);
    expect(editor.undo(id).segments).toEqual([
      { id: a, label: 'pass', startFrame: 0, endFrame: 10 },
      { id: b, label: 'shot', startFrame: 10, endFrame: 20 },
    ]);
  });

  it('a refused edit writes nothing and leaves the history alone', () => {
    const { editor, track } = setUp();
    const id = track.trackId;
    const a = editor.edit(id, { op: 'create', label: 'pass', startFrame: 0, endFrame: 10 }).changedIds[0]!;
    expect(() => editor.edit(id, { op: 'split', id: a, atFrame: 10 })).toThrow(/not inside/);
    expect(editor.undo(id).segments).toEqual([]);
    expect(editor.state(id).canUndo).toBe(false);
  });

  it('records accept, trim and reject of proposals, each undoable, and exports them as corrections', () => {
    const { editor, store, track, run } = setUp();
    const proposals = new Proposals(store, editor);
    const id = track.trackId;
    const [walk, running, jump] = proposals.list(id, run.id);
    proposals.decide({ trackId: id, runId: run.id, proposalId: walk!.id, decision: 'accept' });
    proposals.decide({ trackId: id, runId: run.id, proposalId: running!.id, decision: 'trim', startFrame: 26, endFrame: 58 });
    proposals.decide({ trackId: id, runId: run.id, proposalId: jump!.id, decision: 'reject' });
    expect(proposals.list(id, run.id).map((p) => p.decision)).toEqual(['accept', 'trim', 'reject']);
    expect(editor.state(id).segments.map((s) => [s.label, s.startFrame, s.endFrame])).toEqual([['walk', 0, 24], ['run', 26, 58]]);
    const csv = proposals.correctionsCsv(id).trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[2]).toMatch(new RegExp(`^"trim",${run.id},${running!.id},"run","run",24,60,26,58,\\d+,`));
    editor.undo(id); // the reject
    editor.undo(id); // the trim
    expect(proposals.list(id, run.id).map((p) => p.decision)).toEqual(['accept', null, null]);
    expect(editor.state(id).segments).toHaveLength(1);
    editor.redo(id);
    expect(proposals.list(id, run.id).map((p) => p.decision)).toEqual(['accept', 'trim', null]);
    expect(() => proposals.decide({ trackId: id, runId: run.id, proposalId: jump!.id, decision: 'trim' })).toThrow(/needs the new startFrame/);
  });
});

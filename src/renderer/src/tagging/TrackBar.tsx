import { useState } from 'react';
import type { Tagging } from './useTagging.js';
import { newLabel } from './CodeWindow.js';

/** Choose, create, rename and delete editable tracks; undo and redo. */
export function TrackBar({ tagging }: { tagging: Tagging }) {
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [importPath, setImportPath] = useState('');
  const { state } = tagging;
  const starter = ['pass', 'shot', 'tackle'].reduce<ReturnType<typeof newLabel>[]>((labels, n) => [...labels, newLabel(n, labels)], []);
  return (
    <div className="track-bar">
      <strong>Tagging</strong>
      <select value={tagging.activeId ?? ''} onChange={(e) => tagging.setActiveId(e.target.value ? Number(e.target.value) : null)} aria-label="Active track">
        {tagging.tracks.length === 0 && <option value="">(no track yet)</option>}
        {tagging.tracks.map((t) => (
          <option key={t.id} value={t.id}>{t.name} ({t.segmentCount})</option>
        ))}
      </select>
      {state && renaming === null && (
        <>
          <button type="button" onClick={() => setRenaming(state.name)}>Rename</button>
          <button type="button" onClick={() => window.confirm(`Delete the track "${state.name}" and its ${state.segments.length} segments?`) && void tagging.deleteTrack()}>Delete</button>
          <button type="button" onClick={() => void tagging.undo()} disabled={!state.canUndo} title="Undo (Ctrl+Z)">Undo</button>
          <button type="button" onClick={() => void tagging.redo()} disabled={!state.canRedo} title="Redo (Ctrl+Y)">Redo</button>
        </>
      )}
      {renaming !== null && (
        <form onSubmit={(e) => { e.preventDefault(); void tagging.renameTrack(renaming).then(() => setRenaming(null)); }}>
          <input value={renaming} onChange={(e) => setRenaming(e.target.value)} aria-label="Track name" autoFocus />
          <button type="submit">Save</button>
          <button type="button" className="link" onClick={() => setRenaming(null)}>Cancel</button>
        </form>
      )}
      <span className="spacer" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (importPath.trim()) void tagging.importFile(importPath.trim()).then((ok) => ok && setImportPath(''));
        }}
      >
        <input value={importPath} onChange={(e) => setImportPath(e.target.value)} placeholder=".eaf, Sportscode .xml, .csv or .json path" aria-label="Tracks file to import" />
        <button type="submit">Load tracks</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void tagging.createTrack(name.trim(), starter).then(() => setName(''));
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="New track name" aria-label="New track name" />
        <button type="submit">New track</button>
      </form>
    </div>
  );
}

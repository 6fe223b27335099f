import { useState } from 'react';
import type { TrackLabel } from '../../../shared/tagging/types.js';
import { RESERVED_KEYS } from '../../../shared/tagging/code-window.js';
import { PALETTE } from '../../../shared/timeline/colors.js';

interface Props {
  labels: readonly TrackLabel[];
  open: ReadonlyMap<string, number>;
  onPress(label: TrackLabel): void;
  onSaveLabels(labels: TrackLabel[]): Promise<unknown>;
}

/** The next digit (then letter) no label uses and no shortcut takes. */
function freeKey(labels: readonly TrackLabel[]): string | null {
  const used = new Set(labels.map((l) => l.hotkey));
  return [...'123456789bcdfhiqvw'].find((k) => !used.has(k) && !RESERVED_KEYS.has(k)) ?? null;
}

export function newLabel(name: string, labels: readonly TrackLabel[]): TrackLabel {
  return { name, color: PALETTE[labels.length % PALETTE.length]!, hotkey: freeKey(labels), mode: 'toggle', fixedSec: 2, leadSec: 0, lagSec: 0 };
}

/** Sportscode-style code window: one button per label of the active track (hotkey shown); an editor for the buttons. */
export function CodeWindow({ labels, open, onPress, onSaveLabels }: Props) {
  const [editing, setEditing] = useState<TrackLabel[] | null>(null);
  const [name, setName] = useState('');
  const update = (i: number, change: Partial<TrackLabel>) => setEditing((list) => list && list.map((l, j) => (j === i ? { ...l, ...change } : l)));

  return (
    <div className="code-window" aria-label="Code window">
      <div className="code-buttons">
        {labels.map((label) => (
          <button
            key={label.name}
            type="button"
            className={`code-button${open.has(label.name) ? ' recording' : ''}`}
            style={{ borderColor: label.color }}
            aria-pressed={label.mode === 'toggle' ? open.has(label.name) : undefined}
            title={`${label.mode === 'toggle' ? 'Start/end' : `Make a ${label.fixedSec} s`} ${label.name} instance (lead ${label.leadSec} s, lag ${label.lagSec} s)`}
            onClick={() => onPress(label)}
          >
            <span className="swatch" style={{ background: label.color }} /> {label.name} {label.hotkey && <kbd>{label.hotkey}</kbd>}
            {open.has(label.name) && <span className="rec">●</span>}
          </button>
        ))}
        <form
          className="add-label"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return;
            void onSaveLabels([...labels, newLabel(name.trim(), labels)]).then((ok) => ok && setName(''));
          }}
        >
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="New label" aria-label="New label name" />
          <button type="submit">Add</button>
        </form>
        <button type="button" className="link accent" onClick={() => setEditing(editing ? null : labels.map((l) => ({ ...l })))}>
          {editing ? 'Close' : 'Edit buttons'}
        </button>
      </div>
      {editing && (
        <table className="label-editor">
          <thead>
            <tr><th>Label</th><th>Colour</th><th>Key</th><th>Mode</th><th>Length s</th><th>Lead s</th><th>Lag s</th><th /></tr>
          </thead>
          <tbody>
            {editing.map((l, i) => (
              <tr key={i}>
                <td><input value={l.name} onChange={(e) => update(i, { name: e.target.value })} aria-label="Label name" /></td>
                <td><input type="color" value={l.color} onChange={(e) => update(i, { color: e.target.value })} aria-label="Colour" /></td>
                <td><input value={l.hotkey ?? ''} maxLength={1} size={2} onChange={(e) => update(i, { hotkey: e.target.value.toLowerCase() || null })} aria-label="Hotkey" /></td>
                <td>
                  <select value={l.mode} onChange={(e) => update(i, { mode: e.target.value as TrackLabel['mode'] })} aria-label="Mode">
                    <option value="toggle">start/end</option>
                    <option value="fixed">fixed length</option>
                  </select>
                </td>
                {(['fixedSec', 'leadSec', 'lagSec'] as const).map((field) => (
                  <td key={field}>
                    <input type="number" min={field === 'fixedSec' ? 0.1 : 0} step={0.1} value={l[field]} onChange={(e) => update(i, { [field]: Number(e.target.value) })} aria-label={field} />
                  </td>
                ))}
                <td><button type="button" className="link" onClick={() => setEditing(editing.filter((_, j) => j !== i))}>Remove</button></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><td colSpan={8}><button type="button" onClick={() => void onSaveLabels(editing).then((ok) => ok && setEditing(null))}>Save buttons</button></td></tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}

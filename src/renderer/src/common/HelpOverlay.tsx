import { useEffect } from 'react';

export const SHORTCUTS: ReadonlyArray<[keys: string, what: string]> = [
  ['Space', 'Play / pause'],
  ['← / →', 'One frame back / forward'],
  ['Shift + ← / →', 'One second back / forward'],
  ['J / K / L', 'Play backwards (again: faster) / pause / play forwards (again: faster)'],
  ['[ / ]', 'Slower / faster playback (0.1× to 4×)'],
  ['Home / End', 'First / last frame'],
  ['+ / −', 'Zoom the timeline in / out around the playhead'],
  ['0', 'Show the whole video on the timeline'],
  ['Mouse wheel', 'Zoom the timeline at the cursor (Shift + wheel: pan)'],
  ['Drag on the timeline', 'Pan'],
  ['Click a segment', 'Go to its first frame (click elsewhere: go to that frame)'],
  ['N / P', 'Evaluation, compare view: next / previous disagreement'],
  ['1–9 (a label\'s key)', 'Tagging: start / end an instance of that label (a fixed-length label makes one at once)'],
  ['Shift + label key', 'Tagging: relabel the selected segment'],
  [', / .', 'Tagging: nudge the selected edge one frame back / forward (e: the other edge)'],
  ['S / M / Del', 'Tagging: split the selected segment at the playhead / merge it with the next / delete it'],
  ['Ctrl + Z / Ctrl + Y', 'Tagging: undo / redo (every edit is saved at once)'],
  ['A / R / T', 'Proposals: accept / reject / trim the current one to the playhead'],
  ['N / P', 'Proposals: next / previous'],
  ['Esc', 'Close this help / back to the library'],
  ['?', 'Show or hide this help'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="help-backdrop" onClick={onClose}>
      <div className="help" role="dialog" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <div className="help-title">
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="link" onClick={onClose} aria-label="Close help">✕</button>
        </div>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td><kbd>{keys}</kbd></td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

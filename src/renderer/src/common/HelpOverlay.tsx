import { Fragment, useEffect } from 'react';
import { KEYMAP, SCOPE_TITLES, shortcut, type KeyScope } from './keymap.js';

/** The help's sections: the keymap's rows by scope, in the keymap's order. */
const SECTIONS = [...new Set(KEYMAP.map((row) => row.scope))].map((scope: KeyScope) => ({
  scope,
  rows: KEYMAP.filter((row) => row.scope === scope),
}));

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (shortcut('app', event) === 'closeHelp') {
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
            {SECTIONS.map(({ scope, rows }) => (
              <Fragment key={scope}>
                <tr>
                  <th colSpan={2} scope="colgroup">{SCOPE_TITLES[scope]}</th>
                </tr>
                {rows.map((row) => (
                  <tr key={row.keys}>
                    <td><kbd>{row.keys}</kbd></td>
                    <td>{row.what}</td>
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

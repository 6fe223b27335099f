import type { Client } from '../api/client.js';

interface Props {
  client: Client;
  label: string;
  value: string;
  placeholder: string;
  invalid: boolean;
  onChange(value: string): void;
  /** For the native dialog (desktop only): its title and file types. */
  dialog: { title: string; name: string; extensions: string[] };
}

/** A file path typed or pasted (works in every host), with "Browse…" where there are native dialogs. */
export function PathField({ client, label, value, placeholder, invalid, onChange, dialog }: Props) {
  const browse = async () => {
    const { path } = await client.api['dialog.openFile']({ title: dialog.title, filters: [{ name: dialog.name, extensions: dialog.extensions }] });
    if (path) onChange(path);
  };
  return (
    <label className="field">
      {label}
      <span className="path-field">
        <input type="text" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} aria-label={label} aria-invalid={invalid || undefined} spellCheck={false} />
        {client.host === 'desktop' && (
          <button type="button" onClick={() => void browse()} aria-label={`Browse for ${label.toLowerCase()}`}>
            Browse…
          </button>
        )}
      </span>
    </label>
  );
}

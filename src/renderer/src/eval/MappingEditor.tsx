import { useState, type FormEvent } from 'react';
import type { DatasetSummary } from '../../../shared/datasets.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

/** A dataset's explicit label → class entries (as `actionlens datasets map`): add one, remove one. */
export function MappingEditor({ client, dataset, onChanged }: { client: Client; dataset: DatasetSummary; onChanged: (dataset: DatasetSummary) => void }) {
  const [label, setLabel] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const entries = Object.entries(dataset.mapping);

  const change = async (args: { set?: Record<string, string>; unset?: string[] }) => {
    setError(null);
    try {
      onChanged(await client.api['datasets.map']({ dataset: dataset.name, ...args }));
      setTarget('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change({ set: { [label || dataset.labels[0]!]: target.trim() } });
  };

  return (
    <div className="mapping" aria-label={`Label mapping of ${dataset.name}`} role="group">
      <span className="muted">Labels map to the model class of the same name{entries.length > 0 ? ', except:' : '.'}</span>
      <ul className="mapping-list">
        {entries.map(([from, to]) => (
          <li key={from}>
            {from} → {to} <button type="button" className="link" onClick={() => void change({ unset: [from] })} aria-label={`Remove the mapping of ${from}`}>remove</button>
          </li>
        ))}
      </ul>
      <form className="mapping-form" onSubmit={submit}>
        <select aria-label="Dataset label" value={label || dataset.labels[0]} onChange={(e) => setLabel(e.target.value)}>
          {dataset.labels.map((l) => <option key={l}>{l}</option>)}
        </select>
        →
        <input aria-label="Model class" value={target} onChange={(e) => setTarget(e.target.value)} placeholder="model class" required />
        <button type="submit" disabled={!target.trim()}>Map</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

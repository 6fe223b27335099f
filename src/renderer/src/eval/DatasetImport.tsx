import { useState, type FormEvent } from 'react';
import { DATASET_FORMATS, type DatasetFormat, type DatasetSummary } from '../../../shared/datasets.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

/** A path (folder or file), an optional name and format: the same import as `actionlens datasets import`. */
export function DatasetImport({ client, onImported }: { client: Client; onImported: (dataset: DatasetSummary) => void }) {
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [format, setFormat] = useState<DatasetFormat | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { dataset } = await client.api['datasets.import']({ path: path.trim(), name: name.trim() || undefined, format: format || undefined });
      setPath('');
      setName('');
      onImported(dataset);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="dataset-import" onSubmit={(e) => void submit(e)} aria-label="Import a dataset">
      <label>Dataset path <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/data/UCF101 or labels.csv" required aria-invalid={error !== null} /></label>
      <label>Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="(from the path)" /></label>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as DatasetFormat | '')}>
          <option value="">detect</option>
          {DATASET_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || !path.trim()}>{busy ? 'Importing…' : 'Import'}</button>
      {error && <pre className="error import-error" role="alert">{error}</pre>}
    </form>
  );
}

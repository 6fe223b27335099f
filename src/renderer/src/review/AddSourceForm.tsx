import { useEffect, useState } from 'react';
import type { ModelSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

/**
 * Adds a source: a camera's folder (or a tree of them), its model(s), stride and alert rule, watched
 * by default (the app and serve analyse new and growing recordings in it, also after a restart).
 */
export function AddSourceForm({ client, onClose }: { client: Client; onClose(): void }) {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [recursive, setRecursive] = useState(false);
  const [modelIds, setModelIds] = useState<string[]>([]);
  const [stride, setStride] = useState(4);
  const [minConfidence, setMinConfidence] = useState(0.5);
  const [classes, setClasses] = useState('');
  const [watching, setWatching] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client.api['models.list']({}).then((answer) => {
      setModels(answer.models);
      setModelIds((chosen) => (chosen.length > 0 || answer.models.length === 0 ? chosen : [answer.models[0]!.id]));
    }, (e) => setError(errorText(e)));
  }, [client]);

  const browse = () => void client.api['dialog.openVideos']({ folders: true }).then((paths) => paths[0] && setFolder(paths[0]), (e) => setError(errorText(e)));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const rule = { minConfidence, classes: classes.split(',').map((c) => c.trim()).filter((c) => c !== '') };
    client.api['review.addSource']({ name: name.trim() || (folder.split(/[\\/]/).filter(Boolean).pop() ?? ''), path: folder, recursive, modelIds, stride, watching, rule }).then(
      () => onClose(),
      (e) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };

  return (
    <form className="add-source" onSubmit={submit} aria-label="Add a source">
      <label>Folder <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/recordings/front-door" aria-label="Source folder" required /></label>
      {client.host === 'desktop' && <button type="button" onClick={browse}>Browse…</button>}
      <label>Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="the folder's name" aria-label="Source name" /></label>
      <label className="check"><input type="checkbox" checked={recursive} onChange={(e) => setRecursive(e.target.checked)} /> Subfolders too (a tree of cameras)</label>
      <label>
        Models
        <select multiple value={modelIds} onChange={(e) => setModelIds([...e.target.selectedOptions].map((o) => o.value))} aria-label="Source models" size={Math.min(4, Math.max(2, models.length))}>
          {models.map((m) => <option key={m.id} value={m.id}>{m.id}</option>)}
        </select>
      </label>
      <label>Stride <input type="number" min={1} max={9000} value={stride} onChange={(e) => setStride(Number(e.target.value))} aria-label="Source stride" /></label>
      <label>Alert at confidence ≥ <input type="number" min={0} max={1} step={0.05} value={minConfidence} onChange={(e) => setMinConfidence(Number(e.target.value))} aria-label="Alert threshold" /></label>
      <label>Classes <input value={classes} onChange={(e) => setClasses(e.target.value)} placeholder="every class" aria-label="Alert classes" /></label>
      <label className="check"><input type="checkbox" checked={watching} onChange={(e) => setWatching(e.target.checked)} /> Watch the folder</label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="add-source-buttons">
        <button type="submit" className="primary" disabled={busy || folder === '' || modelIds.length === 0}>Add source</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}

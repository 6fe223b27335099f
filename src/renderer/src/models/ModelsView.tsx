import { useCallback, useState } from 'react';
import type { ModelImportResult } from '../../../shared/models.js';
import type { Client } from '../api/client.js';
import { ImportModelForm } from './ImportModelForm.js';
import { ModelDetailsPane } from './ModelDetailsPane.js';
import { ModelTable } from './ModelTable.js';
import { useModels } from './useModels.js';

/** Every model ActionLens can run, one's details beside the list, and importing your own. */
export function ModelsView({ client }: { client: Client }) {
  const { models, problems, error } = useModels(client);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const onImported = useCallback((result: ModelImportResult) => setSelectedId(result.model.id), []);
  const selected = models?.find((m) => m.summary.id === selectedId) ?? models?.[0] ?? null;

  return (
    <section className="models" aria-label="Models">
      <div className="toolbar">
        <h2>Models</h2>
        {models && <span className="muted">{models.length} usable{problems.length > 0 && `, ${problems.length} refused`}</span>}
        <span className="spacer" />
        {!importing && (
          <button type="button" className="primary" onClick={() => setImporting(true)}>Import model…</button>
        )}
      </div>
      {importing && <ImportModelForm client={client} onImported={onImported} onClose={() => setImporting(false)} />}
      {error && <p className="error" role="alert">{error}</p>}
      {models === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="models-body">
          <div className="models-list">
            {models.length === 0 ? (
              <p className="empty">No models found: put a model folder in models/ or the data folder, or import one.</p>
            ) : (
              <ModelTable models={models} selectedId={selected?.summary.id ?? null} onSelect={setSelectedId} />
            )}
            {problems.length > 0 && (
              <details className="report model-problems">
                <summary>{problems.length} folder(s) hold a model ActionLens refused</summary>
                <ul>
                  {problems.map((p) => <li key={p.dir}><code>{p.dir}</code>: {p.message}</li>)}
                </ul>
              </details>
            )}
          </div>
          {selected && <ModelDetailsPane client={client} model={selected} />}
        </div>
      )}
    </section>
  );
}

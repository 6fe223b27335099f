import { useState } from 'react';
import type { ReviewSource } from '../../../shared/review.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { AddSourceForm } from './AddSourceForm.js';

/** The sources with their watch state and last watch problem; watch on/off, remove, add. */
export function SourcesPanel({ client, sources }: { client: Client; sources: readonly ReviewSource[] }) {
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (work: Promise<unknown>) => {
    setError(null);
    work.catch((e: unknown) => setError(errorText(e)));
  };
  return (
    <div className="review-sources">
      <h3>Sources</h3>
      {sources.map((source) => (
        <div key={source.id} className="review-source" data-testid="review-source" data-source-id={source.id}>
          <div className="review-source-head">
            <strong title={source.path}>{source.name}</strong>
            <label className="check" title="Analyse new and growing recordings in its folder">
              <input type="checkbox" checked={source.watching} onChange={(e) => act(client.api['review.watchSource']({ sourceId: source.id, watching: e.target.checked }))} aria-label={`Watch ${source.name}`} /> watch
            </label>
          </div>
          <div className="muted review-source-path" title={source.path}>{source.path}{source.recursive ? ' (and subfolders)' : ''}</div>
          <div className="muted">{source.modelIds.join(', ')} · stride {source.stride}</div>
          {source.watchError && <div className="error" role="alert" data-testid="source-error">{source.watchError}</div>}
          <button type="button" className="link danger" onClick={() => window.confirm(`Remove the source "${source.name}" with its rules and review items? Recordings and runs stay.`) && act(client.api['review.removeSource']({ sourceId: source.id }))}>Remove</button>
        </div>
      ))}
      {error && <p className="error" role="alert">{error}</p>}
      {adding ? <AddSourceForm client={client} onClose={() => setAdding(false)} /> : <button type="button" onClick={() => setAdding(true)}>Add source…</button>}
    </div>
  );
}

import { useState } from 'react';
import type { ModelDetails } from '../../../shared/models.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { inputRows } from '../../../shared/manifest-describe.js';
import { formatBytes } from '../../../shared/format.js';
import { LabelList } from './LabelList.js';

/** The manifest's facts, as `actionlens models show` prints them, and Remove for an imported model. */
export function ModelDetailsPane({ client, model }: { client: Client; model: ModelDetails }) {
  const m = model.manifest;
  const rows: [string, string][] = [
    ['Name', m.name],
    ['Version', m.version],
    ['Family', `${m.family} (${m.architecture})`],
    ['Origin', model.origin === 'path' ? 'ACTIONLENS_MODEL_PATH' : model.origin],
    ['Folder', model.summary.dir],
    ['Weights', `${formatBytes(model.bytes)}, sha256 ${model.summary.sha256.slice(0, 16)}…`],
    ...(model.summary.trainedOn ? [['Trained on', model.summary.trainedOn] as [string, string]] : []),
    ...inputRows(m),
    ...(m.clip ? [['Clip', `${m.clip.length} frames every ${m.clip.frameInterval}${m.clip.targetFps ? ` (trained at ${m.clip.targetFps} fps)` : ''}`] as [string, string]] : []),
    ...(m.flow ? [['Flow', `${m.flow.algorithm}, ${m.flow.pairs} pairs at ${m.flow.width}×${m.flow.height}, bound ${m.flow.bound}`] as [string, string]] : []),
    ...(m.inputs.state ? [['State', m.inputs.state.map((s) => `${s.input} → ${s.output} [${s.shape.join(', ')}]`).join(', ')] as [string, string]] : []),
    ['Output', `${m.output.name} (${m.output.kind})`],
  ];
  return (
    <aside className="model-details" aria-label={`Model ${m.id}`}>
      <div className="details-head">
        <h3>{m.id}</h3>
        <span className="spacer" />
        {model.origin === 'imported' && <RemoveModel key={m.id} client={client} id={m.id} />}
      </div>
      <dl>
        {rows.map(([key, value]) => (
          <div key={key}><dt>{key}</dt><dd title={value}>{value}</dd></div>
        ))}
      </dl>
      <h4>Labels ({m.labels.length})</h4>
      <LabelList key={m.id} labels={m.labels} />
    </aside>
  );
}

/** Remove asks once more, then says why the core refused (a model whose runs are stored is kept). */
function RemoveModel({ client, id }: { client: Client; id: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setError(null);
    try {
      await client.api['models.remove']({ id });
    } catch (e) {
      setError(errorText(e));
      setConfirming(false);
    }
  };
  return (
    <div className="remove-model">
      {confirming ? (
        <>
          <span>Delete the imported copy of {id}?</span>
          <button type="button" className="danger" onClick={() => void remove()}>Remove {id}</button>
          <button type="button" onClick={() => setConfirming(false)}>Keep</button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} aria-label={`Remove model ${id}`}>Remove…</button>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

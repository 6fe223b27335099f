import { useEffect, useState, type FormEvent } from 'react';
import type { ModelSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { DEFAULT_EDIT, PostprocessFields, type PostprocessEdit } from './PostprocessFields.js';
import { DEFAULT_PROVIDER, DEFAULT_SAMPLING, EXECUTION_PROVIDERS } from '../../../shared/analysis.js';
import { DEFAULT_MODEL_ID } from '../../../shared/engine.js';

const PROVIDERS = EXECUTION_PROVIDERS;

/** Start an analysis of this video: model, provider, stride, smoothing. */
export function AnalyseForm({ client, videoId }: { client: Client; videoId: number }) {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [modelId, setModelId] = useState('');
  const [provider, setProvider] = useState<(typeof PROVIDERS)[number]>(DEFAULT_PROVIDER);
  const [stride, setStride] = useState(DEFAULT_SAMPLING.stride);
  const [edit, setEdit] = useState<PostprocessEdit>(DEFAULT_EDIT);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let active = true;
    const load = () =>
      void client.api['models.list']({}).then(
        ({ models: list, problems }) => {
          if (!active) return;
          setModels(list);
          // Keep the chosen model unless it was removed.
          setModelId((current) => (list.some((m) => m.id === current) ? current : (list.find((m) => m.id === DEFAULT_MODEL_ID) ?? list[0])?.id || ''));
          setError(list.length > 0 ? null : problems[0] ? `No usable model: ${problems[0].message}` : 'No models found: put a model folder in models/ or the data folder.');
        },
        (e) => active && setError(errorText(e)),
      );
    load();
    // A model imported or removed on the Models screen (or in another window) joins or leaves the list.
    const off = client.on('models.changed', load);
    return () => {
      active = false;
      off();
    };
  }, [client]);

  const model = models.find((m) => m.id === modelId);
  const clipModel = model?.clip != null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await client.api['analysis.start']({
        videoIds: [videoId],
        modelIds: [modelId],
        provider,
        sampling: clipModel ? { ...DEFAULT_SAMPLING, windowStride: stride } : { ...DEFAULT_SAMPLING, stride },
        postprocess: edit,
      });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="analyse-form" onSubmit={(e) => void submit(e)} aria-label="Analyse this video">
      <label>
        Model
        <select value={modelId} onChange={(e) => setModelId(e.target.value)} aria-label="Model">
          {models.map((m) => (
            <option key={m.id} value={m.id}>{m.name || m.id} ({m.family}, {m.labels.length} classes{m.trainedOn ? `; trained on ${m.trainedOn}` : ''})</option>
          ))}
        </select>
      </label>
      {model?.trainedOn && <p className="hint model-trained-on" data-testid="model-trained-on">Trained on: {model.trainedOn}</p>}
      <div className="row">
        <label>
          Provider
          <select value={provider} onChange={(e) => setProvider(e.target.value as (typeof PROVIDERS)[number])} aria-label="Execution provider">
            {PROVIDERS.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label title={clipModel ? 'Frames between consecutive clip windows' : 'Analyse every Nth frame'}>
          {clipModel ? 'Window stride' : 'Stride'}
          <input type="number" min={1} max={10000} value={stride} onChange={(e) => setStride(Math.max(1, Math.round(Number(e.target.value) || 1)))} aria-label="Stride" />
        </label>
      </div>
      <PostprocessFields label="Smoothing" value={edit} onChange={setEdit} />
      <button type="submit" className="primary" disabled={busy || !modelId}>Analyse</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

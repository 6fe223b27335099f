import { useEffect, useState, type FormEvent } from 'react';
import { inputSizeText } from '../../../shared/manifest-describe.js';
import type { CallArgs } from '../../../shared/contract.js';
import type { ModelImportResult, ModelPreset } from '../../../shared/models.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { formatBytes } from '../../../shared/format.js';
import { ImportStages } from './ImportStages.js';
import { PathField } from './PathField.js';
import { useModelImport } from './useModelImport.js';

type Source = 'manifest' | 'preset';

/**
 * Import an ONNX model: its path, a manifest file or a preset, optional id (and with a preset a
 * name and labels file). The core checks it from the cheapest test to the dearest; the stages
 * show where it is, and a refusal is shown in the core's words (field, expected, found).
 */
export function ImportModelForm({ client, onImported, onClose }: { client: Client; onImported(result: ModelImportResult): void; onClose(): void }) {
  const [presets, setPresets] = useState<ModelPreset[]>([]);
  const [presetError, setPresetError] = useState<string | null>(null);
  const [modelPath, setModelPath] = useState('');
  const [source, setSource] = useState<Source>('manifest');
  const [manifestPath, setManifestPath] = useState('');
  const [preset, setPreset] = useState('');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [labelsPath, setLabelsPath] = useState('');
  const { phase, start } = useModelImport(client);

  useEffect(() => {
    void client.api['models.presets']({}).then(
      (list) => {
        setPresets(list);
        setPreset((current) => current || list[0]?.name || '');
      },
      (e) => setPresetError(errorText(e)),
    );
  }, [client]);

  const busy = phase.kind === 'running';
  const invalid = (field: string) => phase.kind === 'failed' && phase.field === field;
  const chosen = presets.find((p) => p.name === preset);
  const ready = modelPath.trim() !== '' && (source === 'manifest' ? manifestPath.trim() !== '' : preset !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    const args: CallArgs<'models.import'> =
      source === 'manifest'
        ? { modelPath: modelPath.trim(), manifestPath: manifestPath.trim(), id: optional(id) }
        : { modelPath: modelPath.trim(), preset, id: optional(id), name: optional(name), labelsPath: optional(labelsPath) };
    const result = await start(args);
    if (result) onImported(result);
  };

  return (
    <section className="import-panel" aria-label="Import a model">
      <div className="import-head">
        <h3>Import a model</h3>
        <span className="muted">An ONNX file and a manifest (JSON, schema v1) or a preset; see docs/models.md.</span>
        <span className="spacer" />
        <button type="button" className="link" onClick={onClose}>Close</button>
      </div>
      <form className="import-form" onSubmit={(e) => void submit(e)}>
        <PathField client={client} label="ONNX model file" value={modelPath} onChange={setModelPath} placeholder="/path/to/model.onnx" invalid={invalid('modelPath')} dialog={{ title: 'Choose an ONNX model', name: 'ONNX models', extensions: ['onnx'] }} />
        <fieldset className="source">
          <legend>Describe it with</legend>
          <label><input type="radio" name="source" checked={source === 'manifest'} onChange={() => setSource('manifest')} /> a manifest file</label>
          <label><input type="radio" name="source" checked={source === 'preset'} onChange={() => setSource('preset')} /> a preset</label>
        </fieldset>
        {source === 'manifest' ? (
          <PathField client={client} label="Manifest file" value={manifestPath} onChange={setManifestPath} placeholder="/path/to/manifest.json" invalid={invalid('manifestPath')} dialog={{ title: 'Choose the model’s manifest', name: 'Manifests', extensions: ['json'] }} />
        ) : (
          <div className="preset-fields">
            <label className="field">
              Preset
              <select value={preset} onChange={(e) => setPreset(e.target.value)} aria-label="Preset" aria-invalid={invalid('preset') || undefined}>
                {presets.map((p) => <option key={p.name} value={p.name}>{p.name}: {p.description}</option>)}
              </select>
            </label>
            {chosen && <p className="muted preset-doc">{chosen.documented} · {chosen.labelCount} {chosen.labelSet} labels</p>}
            {presetError && <p className="error">{presetError}</p>}
            <label className="field">
              Name (optional)
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder={chosen?.description ?? ''} aria-label="Name (optional)" aria-invalid={invalid('name') || undefined} />
            </label>
            <PathField client={client} label="Labels file (optional)" value={labelsPath} onChange={setLabelsPath} placeholder="one label per line, for other classes" invalid={invalid('labelsPath')} dialog={{ title: 'Choose a labels file', name: 'Text files', extensions: ['txt'] }} />
          </div>
        )}
        <label className="field">
          Model id (optional)
          <input type="text" value={id} onChange={(e) => setId(e.target.value)} placeholder={source === 'manifest' ? 'the manifest’s id' : 'from the file name'} aria-label="Model id (optional)" aria-invalid={invalid('id') || undefined} spellCheck={false} />
        </label>
        <div className="import-actions">
          <button type="submit" className="primary" disabled={busy || !ready}>Check and import</button>
          {phase.kind !== 'idle' && <ImportStages phase={phase} />}
        </div>
      </form>
      {phase.kind === 'failed' && (
        <p className="error import-error" role="alert">Not imported: {phase.message}</p>
      )}
      {phase.kind === 'done' && <ImportReport result={phase.result} />}
    </section>
  );
}

function ImportReport({ result }: { result: ModelImportResult }) {
  const m = result.model;
  const dims = (io: Record<string, number[]>) => Object.entries(io).map(([n, d]) => `${n} [${d.join(', ')}]`).join(', ');
  return (
    <div className="import-report" role="status">
      <strong>Imported {m.id}</strong>: {m.family} ({m.architecture}), {inputSizeText(m)}
      {m.clip && `, ${m.clip.length}-frame clips every ${m.clip.frameInterval}`}, {m.labels.length} labels.
      <div className="muted">
        Copied to <code>{result.dir}</code> ({formatBytes(result.bytes)}). Dry run: {dims(result.dryRun.inputs)} → {dims(result.dryRun.outputs)} in {result.dryRun.ms.toFixed(0)} ms ({result.dryRun.provider}).
      </div>
      {result.adopted.map((a) => <div key={a} className="muted">From the graph: {a}</div>)}
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { DatasetSummary } from '../../../shared/datasets.js';
import type { ModelSummary } from '../../../shared/engine.js';
import type { EvalReport } from '../../../shared/eval.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { clipTarget, CompareView, sequenceTarget, type CompareTarget } from './CompareView.js';
import { ConfusionHeatmap, type ConfusionCell } from './ConfusionHeatmap.js';
import { DatasetImport } from './DatasetImport.js';
import { downloadText } from './download.js';
import { MappingEditor } from './MappingEditor.js';
import { ModelsTable, PairsTable, PerClassTable } from './ResultsTables.js';

/**
 * Evaluation: pick a labelled dataset and models, evaluate (missing runs are computed), then read
 * the models × metrics table, a model's per-class figures and confusion heat map; a cell lists its
 * clips, a clip opens in the compare view; the report downloads as HTML, CSV or JSON.
 */
export function EvalView({ client }: { client: Client }) {
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [dataset, setDataset] = useState<string>('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState('');
  const [result, setResult] = useState<{ reportId: number; report: EvalReport } | null>(null);
  const [modelId, setModelId] = useState<string>('');
  const [cell, setCell] = useState<ConfusionCell | null>(null);
  const [target, setTarget] = useState<CompareTarget | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async (select?: string) => {
    const list = await client.api['datasets.list']({});
    setDatasets(list);
    setDataset((current) => select ?? (current || list[0]?.name || ''));
  }, [client]);

  useEffect(() => {
    void client.api['datasets.list']({}).then(
      (list) => {
        setDatasets(list);
        setDataset((current) => current || list[0]?.name || '');
      },
      (e: unknown) => setError(errorText(e)),
    );
    void client.api['models.list']({ refresh: false }).then(({ models: found }) => setModels(found), (e: unknown) => setError(errorText(e)));
  }, [client]);

  useEffect(() => {
    if (!running) return;
    let done = 0;
    return client.on('analysis.job', (job) => {
      if (job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled') setProgress(`${++done} run(s) finished · ${job.modelId} on ${job.videoPath.split(/[\\/]/).pop()}`);
    });
  }, [client, running]);

  const evaluate = async () => {
    setRunning(true);
    setError(null);
    setProgress('matching stored runs…');
    try {
      const next = await client.api['eval.run']({ dataset, modelIds: chosen });
      setResult(next);
      setModelId(next.report.models[0]?.modelId ?? '');
      setCell(null);
      setTarget(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setRunning(false);
      setProgress('');
    }
  };

  const download = async (format: 'html' | 'csv' | 'json') => {
    if (!result) return;
    try {
      const file = await client.api['eval.export']({ reportId: result.reportId, format });
      downloadText(file.fileName, file.mime, file.text);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const report = result?.report ?? null;
  const selectedDataset = datasets?.find((d) => d.name === dataset) ?? null;
  const model = report?.models.find((m) => m.modelId === modelId) ?? null;
  const cellClips = report && model && cell
    ? report.clips.filter((c) => {
        const p = c.predictions[model.modelId];
        return p && p.predicted === model.classes[cell.predicted] && (report.dataset.mapping[c.label] ?? c.label).toLowerCase() === model.classes[cell.truth]!.toLowerCase();
      })
    : [];
  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((m) => m !== id) : [...list, id]));

  return (
    <section className="eval" aria-label="Evaluation">
      <div className="toolbar"><h2>Evaluation</h2><span className="muted">labelled datasets, metrics and comparisons (docs/eval.md)</span></div>
      {error && <pre className="error" role="alert">{error}</pre>}
      <div className="eval-setup">
        <div className="eval-datasets">
          <h3>Datasets</h3>
          {datasets?.length === 0 && <p className="empty">No dataset yet: import one below or with <code>actionlens datasets import</code>.</p>}
          <ul className="dataset-list" aria-label="Datasets">
            {datasets?.map((d) => (
              <li key={d.id}>
                <label>
                  <input type="radio" name="dataset" value={d.name} checked={dataset === d.name} onChange={() => setDataset(d.name)} /> {d.name}
                  <span className="muted"> · {d.format} · {d.itemCount} items · {d.labels.length} labels</span>
                </label>
              </li>
            ))}
          </ul>
          {selectedDataset && <MappingEditor client={client} dataset={selectedDataset} onChanged={(d) => setDatasets((list) => list?.map((x) => (x.id === d.id ? d : x)) ?? null)} />}
          <DatasetImport client={client} onImported={(d) => void reload(d.name)} />
        </div>
        <fieldset className="eval-models">
          <legend>Models</legend>
          {models.map((m) => (
            <label key={m.id}><input type="checkbox" checked={chosen.includes(m.id)} onChange={() => toggle(m.id)} /> {m.id}</label>
          ))}
          <button type="button" className="primary" disabled={running || !dataset || chosen.length === 0} onClick={() => void evaluate()}>{running ? 'Evaluating…' : 'Evaluate'}</button>
          {running && <p className="muted" aria-live="polite">{progress}</p>}
        </fieldset>
      </div>
      {report && (
        <div className="eval-results">
          <div className="toolbar">
            <h3>{report.dataset.name}: {report.dataset.items} items</h3>
            <span className="spacer" />
            <span className="muted">Download report</span>
            <button type="button" onClick={() => void download('html')}>HTML</button>
            <button type="button" onClick={() => void download('csv')}>CSV</button>
            <button type="button" onClick={() => void download('json')}>JSON</button>
          </div>
          <ModelsTable models={report.models} />
          <PairsTable pairs={report.pairs} />
          {report.notes.length > 0 && <ul className="notes">{report.notes.map((n) => <li key={n} className="warning">{n}</li>)}</ul>}
          <div className="toolbar">
            <label>Model <select aria-label="Model" value={modelId} onChange={(e) => { setModelId(e.target.value); setCell(null); }}>{report.models.map((m) => <option key={m.modelId}>{m.modelId}</option>)}</select></label>
          </div>
          {model?.clips && (
            <div className="eval-model">
              <PerClassTable model={model} />
              <ConfusionHeatmap classes={model.classes} matrix={model.clips.confusion} selected={cell} onSelect={setCell} />
              {cell && (
                <div className="cell-clips">
                  <h4>{model.classes[cell.truth]} predicted as {model.classes[cell.predicted]}: {cellClips.length} clip{cellClips.length === 1 ? '' : 's'}</h4>
                  <ul aria-label="Clips in the cell">
                    {cellClips.map((c) => (
                      <li key={c.itemId}><button type="button" className="link" onClick={() => setTarget(clipTarget(c))}>{c.path.split(/[\\/]/).pop()}</button></li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          )}
          {report.sequences.length > 0 && (
            <div className="sequences">
              <h4>Items with per-frame truth</h4>
              <ul aria-label="Sequences">
                {report.sequences.map((q) => (
                  <li key={q.itemId}><button type="button" className="link" onClick={() => setTarget(sequenceTarget(q))}>{q.path.split(/[\\/]/).pop()}</button></li>
                ))}
              </ul>
            </div>
          )}
          {target && <CompareView key={target.key} client={client} target={target} report={report} onClose={() => setTarget(null)} />}
        </div>
      )}
    </section>
  );
}

import { DEFAULT_POSTPROCESS } from '../../../shared/analysis.js';
import type { RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { AnalyseForm } from './AnalyseForm.js';
import { AnnotationsSection } from './AnnotationsSection.js';
import { JobProgress } from './JobProgress.js';
import { PostprocessFields, runEdit, type PostprocessEdit } from './PostprocessFields.js';
import type { useAnnotations } from './useAnnotations.js';
import type { RunsState } from './useRuns.js';

export interface PreviewState {
  runId: number;
  edit: PostprocessEdit;
  busy: boolean;
  error: string | null;
  segmentCount: number | null;
}

interface Props {
  client: Client;
  videoId: number;
  state: RunsState;
  annotations: ReturnType<typeof useAnnotations>;
  selectedRunId: number | null;
  hidden: Set<number>;
  preview: PreviewState | null;
  onSelect(runId: number): void;
  onToggle(runId: number): void;
  onPreview(runId: number, edit: PostprocessEdit): void;
  onKeepPreview(): void;
  onResetPreview(): void;
}

/** Start analyses, follow them, choose which runs show on the timeline and which one drives the overlay and plot. */
export function RunsPanel(props: Props) {
  const { client, videoId, state, selectedRunId, hidden, preview } = props;
  const active = state.jobs.filter((j) => j.state === 'running' || j.state === 'queued' || j.state === 'paused');
  const selected = state.runs.find((r) => r.id === selectedRunId);
  const cancel = (jobId: number) => void client.api['analysis.cancel']({ jobId }).catch((e) => alert(errorText(e)));
  const remove = (run: RunSummary) => {
    if (!confirm(`Delete run ${run.id} (${run.modelId}) with its stored labels? The video stays.`)) return;
    void client.api['runs.delete']({ runId: run.id }).then(state.reload, (e) => alert(errorText(e)));
  };
  return (
    <aside className="runs-panel" aria-label="Runs">
      <h3>Analyse</h3>
      <AnalyseForm client={client} videoId={videoId} />
      {active.map((job) => (
        <JobProgress key={job.id} job={job} progress={state.progress.get(job.id)} onCancel={() => cancel(job.id)} />
      ))}
      <h3>Runs</h3>
      {state.error && <p className="error">{state.error}</p>}
      {state.runs.length === 0 ? (
        <p className="muted">No runs yet: analyse the video with a model above.</p>
      ) : (
        <ul className="run-list">
          {state.runs.map((run) => (
            <RunItem key={run.id} run={run} framesDone={state.framesDone.get(run.id) ?? run.framesDone} selected={run.id === selectedRunId} visible={!hidden.has(run.id)} onSelect={() => props.onSelect(run.id)} onToggle={() => props.onToggle(run.id)} onDelete={() => remove(run)} />
          ))}
        </ul>
      )}
      {selected && selected.status !== 'failed' && (
        <div className="postprocess" aria-label="Post-processing of the selected run">
          <h3>Segments of run {selected.id}</h3>
          <PostprocessFields label="Re-smooth" value={preview?.runId === selected.id ? preview.edit : runEdit(selected)} onChange={(edit) => props.onPreview(selected.id, edit)} />
          {preview?.runId === selected.id && (
            <div className="preview-actions">
              <span className="muted" role="status">
                {preview.busy ? 'Re-deriving…' : preview.error ? '' : `Preview: ${preview.segmentCount ?? 0} segments (not saved)`}
              </span>
              {preview.error && <span className="error">{preview.error}</span>}
              <span className="spacer" />
              <button type="button" onClick={props.onResetPreview}>Reset</button>
              <button type="button" className="primary" onClick={props.onKeepPreview} disabled={preview.busy || preview.error !== null} title="Saves a run with these options; the model does not run again">Keep</button>
            </div>
          )}
        </div>
      )}
      <AnnotationsSection tracks={props.annotations.tracks} error={props.annotations.error} onImport={props.annotations.importFile} />
    </aside>
  );
}

function RunItem({ run, framesDone, selected, visible, onSelect, onToggle, onDelete }: { run: RunSummary; framesDone: number; selected: boolean; visible: boolean; onSelect(): void; onToggle(): void; onDelete(): void }) {
  const { smoothing, threshold } = runEdit(run);
  return (
    <li className={`run${selected ? ' selected' : ''}`} data-run-id={run.id}>
      <input type="checkbox" checked={visible} onChange={onToggle} aria-label={`Show run ${run.id} on the timeline`} />
      <button type="button" className="run-name" onClick={onSelect} aria-pressed={selected} aria-label={`Select run ${run.id} (${run.modelId})`}>
        <strong>{run.modelId}</strong> <span className="muted">#{run.id}</span>
        <span className={`status status-${run.status}`}>{run.status}</span>
      </button>
      <div className="run-meta muted">
        {framesDone} frames · {smoothing.kind === 'none' ? 'no smoothing' : `${smoothing.kind} ${smoothing.windowFrames}`}
        {threshold !== DEFAULT_POSTPROCESS.threshold && ` · threshold ${threshold}`}
        {run.providerUsed && ` · ${run.providerUsed}`}
        <button type="button" className="link danger run-delete" onClick={onDelete} aria-label={`Delete run ${run.id}`}>
          Delete
        </button>
      </div>
      {run.status === 'failed' && run.error && <div className="error">Failed: {run.error.message}</div>}
      {run.videoChanged && <div className="warning">The file changed after this run: its labels describe the earlier content. Analyse again for the current file.</div>}
    </li>
  );
}

import { MODEL_IMPORT_STAGES, type ModelImportStage } from '../../../shared/models.js';
import type { ImportPhase } from './useModelImport.js';

const STAGE_TEXT: Record<ModelImportStage, string> = {
  checking: 'Checking file, manifest and graph',
  'dry-run': 'Dry run on zeros',
  copying: 'Copying into the data folder',
  registering: 'Registering',
};

type StageState = 'pending' | 'active' | 'done' | 'failed';

function stageState(phase: ImportPhase, stage: ModelImportStage): StageState {
  const index = MODEL_IMPORT_STAGES.indexOf(stage);
  if (phase.kind === 'done') return 'done';
  if (phase.kind === 'idle') return 'pending';
  const at = phase.stage === null ? -1 : MODEL_IMPORT_STAGES.indexOf(phase.stage);
  if (index < at) return 'done';
  if (index > at) return 'pending';
  return phase.kind === 'failed' ? 'failed' : 'active';
}

const MARK: Record<StageState, string> = { pending: '○', active: '◐', done: '✓', failed: '✕' };

/** checking → dry run → copying → registering, each pending, under way, done or where it stopped. */
export function ImportStages({ phase }: { phase: ImportPhase }) {
  return (
    <ol className="import-stages" aria-label="Import stages">
      {MODEL_IMPORT_STAGES.map((stage) => {
        const state = stageState(phase, stage);
        return (
          <li key={stage} className={`stage-${state}`} data-stage={stage} data-state={state}>
            <span aria-hidden>{MARK[state]}</span> {STAGE_TEXT[stage]}
          </li>
        );
      })}
    </ol>
  );
}

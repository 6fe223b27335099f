import { DEFAULT_POSTPROCESS } from '../../../shared/analysis.js';
import type { RunSummary } from '../../../shared/engine.js';
import { actionRunParams } from '../../../shared/run-params.js';
import { SmoothingFields, type Smoothing } from './SmoothingFields.js';

/** The post-processing a user tunes on the review screen: smoothing and the confidence threshold. */
export interface PostprocessEdit {
  smoothing: Smoothing;
  /** Frames whose best class is below this belong to no segment. */
  threshold: number;
}

export const DEFAULT_EDIT: PostprocessEdit = { smoothing: DEFAULT_POSTPROCESS.smoothing, threshold: DEFAULT_POSTPROCESS.threshold };

export function PostprocessFields({ value, onChange, label }: { value: PostprocessEdit; onChange(next: PostprocessEdit): void; label: string }) {
  return (
    <>
      <SmoothingFields label={label} value={value.smoothing} onChange={(smoothing) => onChange({ ...value, smoothing })} />
      <label className="threshold" title="Frames whose most likely class is below this probability belong to no segment">
        Confidence threshold
        <input
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={value.threshold}
          aria-label={`${label} threshold`}
          onChange={(e) => onChange({ ...value, threshold: Math.min(1, Math.max(0, Number(e.target.value) || 0)) })}
        />
      </label>
    </>
  );
}

/** The options a run was made with (its stored params). */
export function runEdit(run: RunSummary): PostprocessEdit {
  const postprocess = actionRunParams(run.params)?.postprocess;
  return { smoothing: postprocess?.smoothing ?? DEFAULT_EDIT.smoothing, threshold: postprocess?.threshold ?? DEFAULT_EDIT.threshold };
}

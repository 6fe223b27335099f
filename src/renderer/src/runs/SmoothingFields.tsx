import { MAX_MEDIAN_WINDOW, MAX_SMOOTHING_WINDOW } from '../../../shared/analysis.js';

export interface Smoothing {
  kind: 'none' | 'moving-average' | 'median';
  windowFrames: number;
}

/** Smoothing kind and (odd) window, as the contract's post-processing takes them. */
export function SmoothingFields({ value, onChange, label = 'Smoothing' }: { value: Smoothing; onChange(next: Smoothing): void; label?: string }) {
  const max = value.kind === 'median' ? MAX_MEDIAN_WINDOW : MAX_SMOOTHING_WINDOW;
  return (
    <div className="row">
      <label>
        {label}
        <select
          value={value.kind}
          onChange={(e) => {
            const kind = e.target.value as Smoothing['kind'];
            onChange({ kind, windowFrames: Math.min(value.windowFrames, kind === 'median' ? MAX_MEDIAN_WINDOW : MAX_SMOOTHING_WINDOW) });
          }}
          aria-label={label}
        >
          <option value="none">none</option>
          <option value="moving-average">moving average</option>
          <option value="median">median</option>
        </select>
      </label>
      <label>
        Window (frames)
        <input
          type="number"
          min={1}
          step={2}
          max={max}
          value={value.windowFrames}
          disabled={value.kind === 'none'}
          aria-label={`${label} window`}
          onChange={(e) => {
            const n = Math.min(max, Math.max(1, Math.round(Number(e.target.value) || 1)));
            // Windows are odd (centred); both maxima are odd.
            onChange({ ...value, windowFrames: n % 2 === 1 ? n : n + 1 <= max ? n + 1 : n - 1 });
          }}
        />
      </label>
    </div>
  );
}

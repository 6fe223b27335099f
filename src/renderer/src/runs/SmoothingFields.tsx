export interface Smoothing {
  kind: 'none' | 'moving-average' | 'median';
  windowFrames: number;
}

/** Smoothing kind and (odd) window, as the contract's post-processing takes them. */
export function SmoothingFields({ value, onChange, label = 'Smoothing' }: { value: Smoothing; onChange(next: Smoothing): void; label?: string }) {
  return (
    <div className="row">
      <label>
        {label}
        <select value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as Smoothing['kind'] })} aria-label={label}>
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
          max={999}
          value={value.windowFrames}
          disabled={value.kind === 'none'}
          aria-label={`${label} window`}
          onChange={(e) => {
            const n = Math.max(1, Math.round(Number(e.target.value) || 1));
            onChange({ ...value, windowFrames: n % 2 === 1 ? n : n + 1 });
          }}
        />
      </label>
    </div>
  );
}

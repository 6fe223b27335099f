/** The confusion matrix as a heat map: rows truth, columns prediction, shade by the row's share; a cell is a button that opens its clips. */

export interface ConfusionCell {
  truth: number;
  predicted: number;
}

export function ConfusionHeatmap({ classes, matrix, selected, onSelect }: { classes: readonly string[]; matrix: readonly (readonly number[])[]; selected: ConfusionCell | null; onSelect: (cell: ConfusionCell) => void }) {
  // Classes with neither truth nor prediction only add empty rows and columns.
  const shown = classes.map((_, c) => c).filter((c) => matrix[c]!.some((n) => n > 0) || matrix.some((row) => row[c]! > 0));
  return (
    <table className="confusion" aria-label="Confusion matrix">
      <thead>
        <tr>
          <th className="confusion-corner">truth ↓ predicted →</th>
          {shown.map((p) => <th key={p} scope="col" className="confusion-col"><span>{classes[p]}</span></th>)}
        </tr>
      </thead>
      <tbody>
        {shown.map((t) => {
          const total = matrix[t]!.reduce((a, b) => a + b, 0);
          return (
            <tr key={t}>
              <th scope="row">{classes[t]}</th>
              {shown.map((p) => {
                const n = matrix[t]![p]!;
                const share = total > 0 ? n / total : 0;
                const hue = t === p ? 210 : 0;
                const isSelected = selected?.truth === t && selected.predicted === p;
                return (
                  <td key={p}>
                    <button
                      type="button"
                      className={`confusion-cell${isSelected ? ' selected' : ''}`}
                      style={{ background: n === 0 ? undefined : `hsl(${hue} 65% ${Math.round(22 + share * 33)}%)` }}
                      aria-label={`${classes[t]} predicted as ${classes[p]}: ${n} clip${n === 1 ? '' : 's'}`}
                      aria-pressed={isSelected}
                      disabled={n === 0}
                      onClick={() => onSelect({ truth: t, predicted: p })}
                    >
                      {n > 0 ? n : ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

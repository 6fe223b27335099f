import { EVAL_SUMMARY_COLUMNS, percentCell } from '../../../shared/eval-summary.js';
import type { EvalModelResult, EvalReport } from '../../../shared/eval.js';

const pct = percentCell;

/** Models × metrics: one row per model. */
export function ModelsTable({ models }: { models: readonly EvalModelResult[] }) {
  const [first, ...rest] = EVAL_SUMMARY_COLUMNS;
  return (
    <table className="video-table eval-table" aria-label="Models and metrics">
      <thead>
        <tr>
          {EVAL_SUMMARY_COLUMNS.map((c) => <th key={c.head}>{c.longHead}</th>)}
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.modelId}>
            <td title={`sha256 ${m.sha256}`}>{first!.cell(m)}</td>
            {rest.map((c) => <td key={c.head}>{c.cell(m)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** McNemar and bootstrap intervals for every pair of models. */
export function PairsTable({ pairs }: { pairs: EvalReport['pairs'] }) {
  if (pairs.length === 0) return null;
  return (
    <table className="video-table eval-table" aria-label="Model pairs">
      <thead>
        <tr><th>pair</th><th>clips</th><th>A only right</th><th>B only right</th><th>McNemar p</th><th>top-1 A − B (95% CI)</th></tr>
      </thead>
      <tbody>
        {pairs.map((p) => (
          <tr key={`${p.a}|${p.b}`}>
            <td>{p.a} vs {p.b}</td>
            <td>{p.clips}</td>
            <td>{p.mcnemar.aOnly}</td>
            <td>{p.mcnemar.bOnly}</td>
            <td title={p.mcnemar.method}>{p.mcnemar.pValue.toPrecision(3)}</td>
            <td>{p.bootstrap.difference.low.toFixed(1)} … {p.bootstrap.difference.high.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Precision, recall and F1 of one model's classes that have clips or predictions. */
export function PerClassTable({ model }: { model: EvalModelResult }) {
  const rows = (model.clips?.perClass ?? []).filter((c) => c.support > 0 || c.predicted > 0);
  return (
    <table className="video-table eval-table" aria-label={`Per class: ${model.modelId}`}>
      <thead>
        <tr><th>class</th><th>support</th><th>predicted</th><th>precision</th><th>recall</th><th>F1</th></tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.label}><td>{c.label}</td><td>{c.support}</td><td>{c.predicted}</td><td>{pct(c.precision)}</td><td>{pct(c.recall)}</td><td>{pct(c.f1)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** The evaluation as one self-contained HTML page: no script, no external file; confusion matrices as inline SVG. */
import type { EvalModelResult, EvalReport } from '../../../../shared/eval.js';
import { EVAL_SUMMARY_COLUMNS, MS_PER_FRAME_COLUMN, percentCell } from '../../../../shared/eval-summary.js';
import { confusionSvg } from './confusion-svg.js';

const esc = (s: unknown) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = percentCell;

function table(head: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function summaryTable(models: readonly EvalModelResult[]): string {
  const columns = [...EVAL_SUMMARY_COLUMNS, MS_PER_FRAME_COLUMN];
  return table(columns.map((c) => c.longHead), models.map((m) => columns.map((c) => c.cell(m))));
}

function modelSection(m: EvalModelResult): string {
  const parts = [`<h2 id="model-${esc(m.modelId)}">${esc(m.modelId)}</h2>`, `<p class="meta">${esc(m.name)} · ${esc(m.family)} · version ${esc(m.version)} · sha256 <code>${esc(m.sha256)}</code> · providers ${esc(m.providers.join(', ') || '–')}</p>`];
  if (m.unmappedLabels.length) parts.push(`<p class="warn">No class for: ${esc(m.unmappedLabels.join(', '))} (left out)</p>`);
  if (m.clips) {
    parts.push('<h3>Per class</h3>', table(['class', 'support', 'predicted', 'precision', 'recall', 'F1'], m.clips.perClass.map((c) => [c.label, c.support, c.predicted, pct(c.precision), pct(c.recall), pct(c.f1)])));
    parts.push('<h3>Confusion matrix</h3>', `<figure>${confusionSvg(m.classes, m.clips.confusion)}</figure>`);
  }
  if (m.detection) {
    parts.push('<h3>Detection AP by class</h3>', table(['class', ...m.detection.thresholds.map((t) => `tIoU ${t.toFixed(1)}`)], Object.entries(m.detection.perClass).map(([c, aps]) => [c, ...aps.map((v) => pct(v))])));
  }
  return parts.join('\n');
}

export function evalHtml(report: EvalReport): string {
  const pairs = report.pairs.length
    ? table(
        ['A', 'B', 'clips', 'A only right', 'B only right', 'test', 'p', 'top-1 A (95% CI)', 'top-1 B (95% CI)', 'A − B (95% CI)'],
        report.pairs.map((p) => [
          p.a,
          p.b,
          p.clips,
          p.mcnemar.aOnly,
          p.mcnemar.bOnly,
          p.mcnemar.method,
          p.mcnemar.pValue < 0.0001 ? p.mcnemar.pValue.toExponential(2) : p.mcnemar.pValue.toFixed(4),
          `${pct(p.bootstrap.a.low)}–${pct(p.bootstrap.a.high)}`,
          `${pct(p.bootstrap.b.low)}–${pct(p.bootstrap.b.high)}`,
          `${pct(p.bootstrap.difference.low)} … ${pct(p.bootstrap.difference.high)}`,
        ]),
      )
    : '<p>One model: no pair to compare.</p>';
  const d = report.dataset;
  const provenance = table(
    ['', ''],
    [
      ['ActionLens', report.app.version],
      ['created', report.createdAt],
      ['machine', `${report.machine.platform} ${report.machine.arch}, ${report.machine.cpus}, node ${report.machine.node}`],
      ['dataset', `${d.name} (${d.format}), ${d.items} items${d.split ? `, split ${d.split}` : ''}`],
      ['dataset fingerprint', d.fingerprint],
      ['label mapping', Object.entries(d.mapping).map(([a, b]) => `${a} → ${b}`).join(', ') || 'by name'],
      ['run parameters', JSON.stringify(report.parameters)],
      ['clip prediction', report.method.clipPrediction],
      ['frame prediction', report.method.framePrediction],
      ['detection', report.method.detection],
      ['bootstrap', `${report.method.bootstrap.resamples} resamples, seed ${report.method.bootstrap.seed}`],
      ...report.models.map((m) => [`model ${m.modelId}`, `${m.version}, sha256 ${m.sha256}, providers ${m.providers.join(', ') || '–'}`]),
    ],
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ActionLens evaluation: ${esc(d.name)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}code{font-size:12px}.meta{color:#555}.warn{color:#a40}
</style></head><body>
<h1>Evaluation: ${esc(d.name)}</h1>
<p class="meta">${esc(report.models.map((m) => m.modelId).join(', '))} on ${d.items} items · ActionLens ${esc(report.app.version)} · ${esc(report.createdAt)}</p>
<h2>Models</h2>
${summaryTable(report.models)}
<h2>Pairs: is the difference real?</h2>
${pairs}
${report.models.map(modelSection).join('\n')}
<h2>Reproduce</h2>
${provenance}
${report.notes.length ? `<h2>Notes</h2><ul>${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}

/**
 * The evaluation as one long CSV: `section,model,key,value` rows (meta, summary, class, confusion,
 * pair), so a spreadsheet or pandas can pivot it, with the provenance rows first.
 */
import type { EvalReport } from '../../../../shared/eval.js';

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'number' ? String(Number(value.toFixed(6))) : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function evalCsv(report: EvalReport): string {
  const rows: unknown[][] = [['section', 'model', 'key', 'value']];
  const meta = (key: string, value: unknown, model = '') => rows.push(['meta', model, key, value]);
  meta('format', `${report.format}/${report.version}`);
  meta('app_version', report.app.version);
  meta('created_at', report.createdAt);
  meta('machine', `${report.machine.platform} ${report.machine.arch}, ${report.machine.cpus}, node ${report.machine.node}`);
  meta('dataset', report.dataset.name);
  meta('dataset_fingerprint', report.dataset.fingerprint);
  meta('dataset_split', report.dataset.split ?? '');
  meta('dataset_items', report.dataset.items);
  meta('parameters', JSON.stringify(report.parameters));
  for (const m of report.models) {
    meta('sha256', m.sha256, m.modelId);
    meta('version', m.version, m.modelId);
    meta('providers', m.providers.join(' '), m.modelId);
    const summary = (key: string, value: unknown) => rows.push(['summary', m.modelId, key, value]);
    if (m.clips) {
      summary('clips', m.clips.count);
      summary('clips_excluded', m.clips.excluded);
      summary('top1', m.clips.top1);
      summary('top5', m.clips.top5);
      summary('mean_class_accuracy', m.clips.meanClassAccuracy);
    }
    if (m.frames) {
      summary('sequences', m.frames.sequences);
      summary('frame_accuracy', m.frames.frameAccuracy);
      summary('edit', m.frames.edit);
      summary('f1@10', m.frames.f1At10);
      summary('f1@25', m.frames.f1At25);
      summary('f1@50', m.frames.f1At50);
    }
    if (m.detection) {
      m.detection.thresholds.forEach((t, i) => summary(`map@${t.toFixed(1)}`, m.detection!.mapAt[i]));
      summary('map_average', m.detection.averageMap);
    }
    summary('frames_per_second', m.speed.framesPerSecond);
    summary('ms_per_frame', m.speed.msPerFrame);
    summary('video_ms_p50', m.speed.videoMsP50);
    summary('video_ms_p95', m.speed.videoMsP95);
    for (const c of m.clips?.perClass ?? []) {
      for (const key of ['support', 'predicted', 'precision', 'recall', 'f1'] as const) rows.push(['class', m.modelId, `${c.label}:${key}`, c[key]]);
    }
    m.clips?.confusion.forEach((row, t) => row.forEach((n, p) => n > 0 && rows.push(['confusion', m.modelId, `${m.classes[t]}->${m.classes[p]}`, n])));
  }
  for (const p of report.pairs) {
    const model = `${p.a} vs ${p.b}`;
    rows.push(['pair', model, 'clips', p.clips], ['pair', model, 'mcnemar_a_only', p.mcnemar.aOnly], ['pair', model, 'mcnemar_b_only', p.mcnemar.bOnly]);
    rows.push(['pair', model, 'mcnemar_method', p.mcnemar.method], ['pair', model, 'mcnemar_p', p.mcnemar.pValue]);
    rows.push(['pair', model, 'top1_diff_ci_low', p.bootstrap.difference.low], ['pair', model, 'top1_diff_ci_high', p.bootstrap.difference.high]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

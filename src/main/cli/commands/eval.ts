import { Option, type Command } from 'commander';
import { DEFAULT_POSTPROCESS, DEFAULT_PROVIDER, DEFAULT_SAMPLING, EXECUTION_PROVIDERS, postprocessSchema, type ExecutionProvider } from '../../../shared/analysis.js';
import { EVAL_SUMMARY_COLUMNS } from '../../../shared/eval-summary.js';
import type { EvalReport } from '../../../shared/eval.js';
import { Datasets } from '../../core/eval/datasets/service.js';
import { evaluate } from '../../core/eval/evaluate.js';
import { writeEvalReport } from '../../core/eval/report/index.js';
import { DEFAULT_MODEL_ID } from '../../core/models/index.js';
import { packageVersion, withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';
import { DEFAULT_SMOOTHING_FLAG, parseProvider, parseSmoothing, positiveInteger } from './analyze.js';

interface EvalOptions extends GlobalOptions {
  model: string[];
  split?: string;
  stride: number;
  windowStride: number;
  smooth: ReturnType<typeof parseSmoothing>;
  provider: ExecutionProvider;
  compute: boolean;
  report?: string;
  csv?: string;
  reportJson?: string;
  bootstrap: number;
  seed: number;
}

const DEFAULT_MODELS: string[] = [DEFAULT_MODEL_ID];

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('score models on a labelled dataset (computing the runs it lacks); --json prints the report documented in docs/eval.md')
    .argument('<dataset>', 'dataset name (see: actionlens datasets list)')
    .addOption(
      new Option('-m, --model <id>', 'model id (repeat to compare several)')
        .argParser((value: string, all: string[]) => (all === DEFAULT_MODELS ? [value] : [...all, value]))
        .default(DEFAULT_MODELS, `${DEFAULT_MODEL_ID}, the default model`),
    )
    .option('--split <name>', 'only the items of this split (e.g. test)')
    .option('--stride <n>', 'frame models: analyse every Nth frame', positiveInteger, DEFAULT_SAMPLING.stride)
    .option('--window-stride <n>', 'clip and two-stream models: frames between window starts', positiveInteger, DEFAULT_SAMPLING.windowStride)
    .addOption(new Option('--smooth <kind:frames>', 'none, moving-average:N or median:N (N odd)').argParser(parseSmoothing).default(DEFAULT_POSTPROCESS.smoothing, DEFAULT_SMOOTHING_FLAG))
    .option('--provider <name>', `execution provider: ${EXECUTION_PROVIDERS.join(', ')}`, parseProvider, DEFAULT_PROVIDER)
    .option('--no-compute', 'score only the runs already stored')
    .option('--report <file.html>', 'write the HTML report')
    .option('--csv <file.csv>', 'write the CSV report')
    .option('--report-json <file.json>', 'write the JSON report to a file')
    .option('--bootstrap <n>', 'bootstrap resamples for the confidence intervals', positiveInteger, 2000)
    .option('--seed <n>', 'bootstrap seed', (v) => Number.parseInt(v, 10), 14)
    .action(async (dataset: string, _options, command: Command) => {
      const options = command.optsWithGlobals<EvalOptions>();
      await withCore(options, async (core) => {
        const report = await evaluate(core, new Datasets(core.store, core.models), packageVersion(), {
          dataset,
          models: options.model,
          split: options.split,
          request: { sampling: { stride: options.stride, windowStride: options.windowStride }, postprocess: postprocessSchema.parse({ smoothing: options.smooth }), provider: options.provider },
          compute: options.compute,
          bootstrap: { resamples: options.bootstrap, seed: options.seed },
          onJob: options.json ? undefined : (job) => job.state !== 'queued' && job.state !== 'running' && process.stderr.write(`${job.state.padEnd(9)} ${job.videoPath} × ${job.modelId}\n`),
        });
        if (options.report) await writeEvalReport(report, options.report, 'html');
        if (options.csv) await writeEvalReport(report, options.csv, 'csv');
        if (options.reportJson) await writeEvalReport(report, options.reportJson, 'json');
        if (options.json) printJson(report);
        else process.stdout.write(summary(report));
      });
    });
}

function summary(report: EvalReport): string {
  const head = EVAL_SUMMARY_COLUMNS.map((c) => c.head);
  const rows = report.models.map((m) => EVAL_SUMMARY_COLUMNS.map((c) => c.cell(m)));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [`${report.dataset.name}${report.dataset.split ? ` (${report.dataset.split})` : ''}: ${report.dataset.items} items, fingerprint ${report.dataset.fingerprint.slice(0, 12)}`, line(head), ...rows.map(line)];
  for (const p of report.pairs) {
    const d = p.bootstrap.difference;
    out.push(`${p.a} vs ${p.b}: ${p.clips} clips, ${p.mcnemar.aOnly} vs ${p.mcnemar.bOnly} discordant, McNemar p = ${p.mcnemar.pValue.toPrecision(3)} (${p.mcnemar.method}); top-1 difference 95% CI ${d.low.toFixed(1)} … ${d.high.toFixed(1)}`);
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  return `${out.join('\n')}\n`;
}

import type { Command } from 'commander';
import type { ModelSummary } from '../../../shared/engine.js';
import { formatBytes } from '../../../shared/format.js';
import { MODEL_PATH_ENV } from '../../core/models/index.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';
import { plain } from '../plain.js';
import { inputSizeText, inputRows } from '../../../shared/manifest-describe.js';
import { registerModelImport } from './models-import.js';

export function registerModels(program: Command): void {
  const models = program.command('models').description(`the models ActionLens can run (from models/, <data folder>/models and $${MODEL_PATH_ENV})`);
  models
    .command('list')
    .description('list usable models, then folders holding a model that was refused, with the reason')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const { models: found, problems } = await core.models.refresh();
        const summaries = found.map((m) => m.summary);
        if (options.json) return printJson({ models: summaries, problems, dirs: core.models.dirs });
        if (summaries.length === 0) process.stdout.write(`No models in ${core.models.dirs.join(', ')}.\n`);
        for (const m of summaries) process.stdout.write(`${m.id.padEnd(20)}  ${describe(m)}\n`);
        for (const p of problems) process.stdout.write(`refused  ${plain(p.dir)}: ${plain(p.message)}\n`);
      });
    });
  models
    .command('show')
    .description("a model's manifest: family, labels, input, preprocessing, clip and flow settings")
    .argument('<id>', 'model id (see models list)')
    .action(async (id: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const model = await core.models.show(id);
        if (options.json) return printJson({ ...model.summary, origin: model.origin, bytes: model.bytes, manifest: model.manifest });
        const m = model.manifest;
        const shownLabels = m.labels.length > 20 ? `${m.labels.length}: ${m.labels.slice(0, 20).join(', ')}, … (--json lists all)` : m.labels.join(', ');
        const rows: [string, string][] = [
          ['id', `${m.id} (version ${m.version})`],
          ['name', m.name],
          ['family', `${m.family} (${m.architecture})`],
          ['origin', `${model.origin}${model.origin === 'imported' ? ` (in ${core.models.importDir})` : ''}`],
          ['folder', model.summary.dir],
          ['weights', `${formatBytes(model.bytes)}, sha256 ${model.summary.sha256}`],
          ...(model.summary.trainedOn ? [['trained on', model.summary.trainedOn] as [string, string]] : []),
          ...inputRows(m, 'x').map(([key, value]): [string, string] => [key.toLowerCase(), value]),
          ...(m.clip ? [['clip', `${m.clip.length} frames every ${m.clip.frameInterval}${m.clip.targetFps ? ` (trained at ${m.clip.targetFps} fps)` : ''}`] as [string, string]] : []),
          ...(m.flow ? [['flow', `${m.flow.algorithm}, ${m.flow.pairs} pairs at ${m.flow.width}x${m.flow.height}, bound ${m.flow.bound}`] as [string, string]] : []),
          ...(m.inputs.state ? [['state', m.inputs.state.map((s) => `${s.input} → ${s.output} [${s.shape.join(', ')}]`).join(', ')] as [string, string]] : []),
          ['output', `${m.output.name} (${m.output.kind})`],
          ['labels', shownLabels],
        ];
        const width = Math.max(...rows.map(([key]) => key.length));
        process.stdout.write(rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n') + '\n');
      });
    });
  registerModelImport(models);
}

function describe(m: ModelSummary): string {
  const clip = m.clip ? `, ${m.clip.length}-frame clips every ${m.clip.frameInterval}` : '';
  return `${m.family} (${m.architecture}) v${m.version}, ${inputSizeText(m, 'x')}${clip}${m.trainedOn ? `, trained on ${m.trainedOn}` : ''}, ${m.labels.length} labels  ${m.dir}`;
}

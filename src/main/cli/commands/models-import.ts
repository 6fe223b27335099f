/** `actionlens models add | remove | presets`: bringing your own ONNX model (see docs/models.md). */
import { inputSizeText } from '../../../shared/manifest-describe.js';
import type { Command } from 'commander';
import { formatBytes } from '../../../shared/format.js';
import type { ModelImportResult } from '../../../shared/models.js';
import { listPresets, PRESET_NAMES } from '../../core/models/index.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';

interface AddOptions {
  manifest?: string;
  preset?: string;
  id?: string;
  name?: string;
  labels?: string;
}

export function registerModelImport(models: Command): void {
  models
    .command('add')
    .description('import an ONNX model: validate it against its manifest or a preset, run it once on zeros, copy it into <data folder>/models')
    .argument('<model.onnx>', 'the ONNX file')
    .option('--manifest <file>', 'its manifest (JSON, schema v1: models/manifest.schema.json)')
    .option('--preset <name>', `a preset instead of a manifest: ${PRESET_NAMES.join(', ')}`)
    .option('--id <id>', 'model id (default: from the manifest, or with a preset the file name)')
    .option('--name <name>', 'with --preset: display name')
    .option('--labels <file>', 'with --preset: labels, one per line, for a model trained on other classes')
    .action(async (modelFile: string, add: AddOptions, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const result = await core.models.import(
          { modelFile, manifestFile: add.manifest, preset: add.preset, id: add.id, name: add.name, labelsFile: add.labels },
        );
        if (options.json) return printJson(result);
        process.stdout.write(describeImport(result));
      });
    });
  models
    .command('remove')
    .description('unregister an imported model and delete its copy (models with stored runs are kept)')
    .argument('<id>', 'model id (see models list)')
    .action(async (id: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const removed = await core.models.remove(id);
        if (options.json) return printJson(removed);
        process.stdout.write(`removed  ${removed.id}  (deleted ${removed.dir})\n`);
      });
    });
  models
    .command('presets')
    .description('the presets models add --preset knows, with their documented preprocessing')
    .action((_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const presets = listPresets();
      if (options.json) return printJson(presets);
      for (const p of presets) process.stdout.write(`${p.name.padEnd(14)}  ${p.description}; ${p.labelCount} ${p.labelSet} labels\n${' '.repeat(16)}${p.documented}\n`);
    });
}

function describeImport(r: ModelImportResult): string {
  const m = r.model;
  const lines = [
    `imported ${m.id}  ${m.family} (${m.architecture}), ${inputSizeText(m, 'x')}${m.clip ? `, ${m.clip.length}-frame clips every ${m.clip.frameInterval}` : ''}, ${m.labels.length} labels`,
    `  copied to  ${r.dir} (${formatBytes(r.bytes)}, sha256 ${m.sha256})`,
    `  dry run    ${Object.entries(r.dryRun.inputs).map(([n, d]) => `${n} [${d.join(', ')}]`).join(', ')} → ${Object.entries(r.dryRun.outputs).map(([n, d]) => `${n} [${d.join(', ')}]`).join(', ')} in ${r.dryRun.ms.toFixed(0)} ms (${r.dryRun.provider})`,
    ...r.adopted.map((a) => `  from graph ${a}`),
  ];
  return lines.join('\n') + '\n';
}

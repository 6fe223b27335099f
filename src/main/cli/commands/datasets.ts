import { InvalidArgumentError, Option, type Command } from 'commander';
import { DATASET_FORMATS, type DatasetFormat, type DatasetSummary } from '../../../shared/datasets.js';
import { AppError } from '../../../shared/errors.js';
import { Datasets } from '../../core/eval/datasets/service.js';
import { parseMappingPairs } from '../../core/eval/datasets/mapping.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';

interface ImportOptions extends GlobalOptions {
  name?: string;
  format?: DatasetFormat;
  splits?: string;
  splitNumber: number;
  labels?: string;
  videos?: string;
  map: string[];
}

interface MapOptions extends GlobalOptions {
  unset: string[];
  model: string[];
}

const collect = (value: string, all: string[]) => [...all, value];

function mappingPairs(pairs: string[]): Record<string, string> {
  try {
    return parseMappingPairs(pairs);
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', (error as Error).message, { field: 'mapping' });
  }
}

function describe(d: DatasetSummary): string {
  const splits = Object.entries(d.splits).map(([split, n]) => `${split || '(no split)'} ${n}`).join(', ');
  return `${d.name}  ${d.format}  ${d.itemCount} item${d.itemCount === 1 ? '' : 's'} (${splits})  ${d.labels.length} label${d.labels.length === 1 ? '' : 's'}  ${d.fingerprint.slice(0, 12)}\n`;
}

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('labelled datasets for evaluation (see docs/eval.md)');

  datasets
    .command('import')
    .description('import a labelled dataset: a class-per-folder tree, a file,label CSV, per-frame truth, ActivityNet JSON, a generated dataset or a labels.json')
    .argument('<path>', 'folder or file')
    .option('--name <name>', 'dataset name (default: the folder or file name)')
    .addOption(new Option('--format <format>', 'what the path holds (default: detected)').choices(DATASET_FORMATS))
    .option('--splits <dir>', 'folder: UCF101 split lists (trainlistNN.txt, testlistNN.txt, classInd.txt)')
    .option('--split-number <n>', 'folder: which numbered split list to read', (v) => positive(v), 1)
    .option('--labels <dir>', 'frames: folder of the truth files (e.g. MS-TCN groundTruth); default beside the videos')
    .option('--videos <dir>', 'activitynet: folder holding the videos (default: the JSON\'s folder)')
    .option('--map <label=class>', 'map a dataset label to a model class (repeatable)', collect, [])
    .action(async (path: string, _options, command: Command) => {
      const options = command.optsWithGlobals<ImportOptions>();
      await withCore(options, async (core) => {
        const result = await new Datasets(core.store, core.models).import(path, {
          name: options.name,
          format: options.format,
          splitsDir: options.splits,
          splitNumber: options.splitNumber,
          labelsDir: options.labels,
          videosDir: options.videos,
          mapping: mappingPairs(options.map),
        });
        if (options.json) return printJson(result);
        process.stdout.write(`imported ${describe(result.dataset)}`);
        for (const file of result.skipped) process.stdout.write(`skipped (no ground truth): ${file}\n`);
      });
    });

  datasets
    .command('list')
    .description('list the datasets')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const all = new Datasets(core.store, core.models).list();
        if (options.json) printJson(all);
        else process.stdout.write(all.length ? all.map(describe).join('') : 'No dataset yet. Import one with: actionlens datasets import <path>\n');
      });
    });

  datasets
    .command('show')
    .description('a dataset\'s labels, mapping and items; with -m, how its labels meet each model\'s classes')
    .argument('<dataset>', 'name')
    .option('-m, --model <id>', 'model to check the mapping against (repeatable)', collect, [])
    .option('--items', 'list every item', false)
    .action(async (name: string, _options, command: Command) => {
      const options = command.optsWithGlobals<MapOptions & { items: boolean }>();
      await withCore(options, async (core) => {
        const service = new Datasets(core.store, core.models);
        const dataset = service.get(name);
        const mappings = [];
        for (const model of options.model) mappings.push(await service.mappingFor(dataset, model));
        const items = options.items ? service.items(dataset.id) : undefined;
        if (options.json) return printJson({ dataset, mappings, ...(items ? { items } : {}) });
        process.stdout.write(describe(dataset));
        process.stdout.write(`source       ${dataset.source}\nfingerprint  ${dataset.fingerprint}\nlabels       ${dataset.labels.join(', ')}\n`);
        for (const [from, to] of Object.entries(dataset.mapping)) process.stdout.write(`mapping      ${from} → ${to}\n`);
        for (const m of mappings) process.stdout.write(`${m.modelId}: ${Object.keys(m.mapped).length} labels mapped; unmapped: ${m.unmapped.join(', ') || 'none'}\n`);
        for (const item of items ?? []) process.stdout.write(`${item.split ?? '-'}  ${item.label ?? `${(item.frames ?? item.segments ?? []).length} segments`}  ${item.path}\n`);
      });
    });

  datasets
    .command('map')
    .description('map dataset labels to model classes (e.g. fall_floor=fall), or remove entries with --unset')
    .argument('<dataset>', 'name')
    .argument('[pairs...]', 'label=class pairs')
    .option('--unset <label>', 'remove the mapping of a label (repeatable)', collect, [])
    .option('-m, --model <id>', 'then show what stays unmapped for this model (repeatable)', collect, [])
    .action(async (name: string, pairs: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<MapOptions>();
      await withCore(options, async (core) => {
        const service = new Datasets(core.store, core.models);
        const dataset = service.map(name, mappingPairs(pairs), options.unset);
        const mappings = [];
        for (const model of options.model) mappings.push(await service.mappingFor(dataset, model));
        if (options.json) return printJson({ dataset, mappings });
        const entries = Object.entries(dataset.mapping);
        process.stdout.write(entries.length ? entries.map(([from, to]) => `${from} → ${to}\n`).join('') : 'no explicit mapping: labels map to the classes of the same name\n');
        for (const m of mappings) process.stdout.write(`${m.modelId}: unmapped: ${m.unmapped.join(', ') || 'none'}\n`);
      });
    });

  datasets
    .command('remove')
    .description('remove a dataset (its videos and runs stay in the library)')
    .argument('<dataset>', 'name')
    .action(async (name: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withCore(options, async (core) => {
        const removed = new Datasets(core.store, core.models).remove(name);
        if (options.json) printJson({ removed });
        else process.stdout.write(`removed ${removed.name}\n`);
      });
    });
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

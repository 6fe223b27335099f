import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { EXPORT_FORMATS, exportRuns, type ExportFormat } from '../../core/analysis/run-export.js';
import { AppError } from '../../../shared/errors.js';
import { withCore, type GlobalOptions } from '../context.js';
import { INTERCHANGE_FORMATS, type InterchangeFormat } from '../../../shared/tagging/interchange.js';
import { TagEditor } from '../../core/tags/editor.js';
import { parseSource, TagInterchange } from '../../core/tags/interchange.js';

/** Formats only the track interchange writes; csv and json of a `track:<id>` go there too. */
const TRACK_ONLY_FORMATS = INTERCHANGE_FORMATS.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
const ALL_FORMATS = [...EXPORT_FORMATS, ...TRACK_ONLY_FORMATS];

interface ExportCommandOptions extends GlobalOptions {
  format: ExportFormat | InterchangeFormat;
  out?: string;
  frames: boolean;
  topK: number;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write a completed run as CSV, JSON or an ActivityNet results file (segments in seconds and frames; --frames adds per-frame top-k); ' +
        'or a run or an annotation track (track:<id>) as ELAN .eaf, Sportscode XML, LongoMatch CSV, or track CSV/JSON',
    )
    .argument('<runs...>', 'run ids (see runs list), or track:<id>; activitynet takes several runs')
    .requiredOption('-f, --format <format>', ALL_FORMATS.join(', '), (value: string) => {
      if (!(ALL_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${ALL_FORMATS.join(', ')}`);
      return value as ExportFormat | InterchangeFormat;
    })
    .option('-o, --out <file>', 'file to write (default: standard output)')
    .option('--frames', 'csv: one row per frame with its top-k labels instead of segments; json: add them', false)
    .option('--top-k <k>', 'labels per frame with --frames', (value: string) => {
      const k = Number(value);
      if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError('must be a positive integer');
      return k;
    }, 3)
    .action(async (runs: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<ExportCommandOptions>();
      await withCore(options, async (core) => {
        const asTracks = runs.some((r) => r.startsWith('track:')) || (TRACK_ONLY_FORMATS as readonly string[]).includes(options.format);
        if (asTracks) {
          if (runs.length !== 1) throw new AppError('INVALID_ARGUMENT', `${options.format} exports one run or track at a time.`, { field: 'runs' });
          if (options.format === 'activitynet') throw new AppError('INVALID_ARGUMENT', 'activitynet exports runs, not tracks.', { field: 'format' });
          const interchange = new TagInterchange(core.store, new TagEditor(core.store));
          const { text } = interchange.export(parseSource(runs[0]!), options.format as InterchangeFormat);
          await writeOut([text], options.out);
          return;
        }
        const ids = runs.map((run) => {
          const id = Number(run);
          if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError(`"${run}" is not a run id`);
          return id;
        });
        const text = exportRuns(core.store, core.analysis, ids, { format: options.format as ExportFormat, frames: options.frames, topK: options.topK });
        await writeOut(text, options.out);
      });
    });
}

/** Writes export text to `out` (atomically) or to standard output. */
async function writeOut(text: Iterable<string>, out: string | undefined): Promise<void> {
  // Streamed with backpressure: an hour of per-frame rows is never one string.
  // Written to a temporary file beside the target and renamed over it only when complete: a
  // refused or failed export (checks run on the first pull) leaves an existing file untouched.
  if (out) {
    const file = path.resolve(out);
    const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
    try {
      await pipeline(Readable.from(text), createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    process.stderr.write(`wrote ${out}\n`);
    return;
  }
  // A reader that stops early (`| head`) closes the pipe: that ends the export, it is not an error.
  await pipeline(Readable.from(text), process.stdout, { end: false }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { EXPORT_FORMATS, exportRuns, type ExportFormat } from '../../core/analysis/run-export.js';
import { checkPoseExport, exportPoseRun, isPoseExportFormat, POSE_EXPORT_FORMATS, type PoseExportFormat } from '../../core/pose/pose-export.js';
import { TagEditor } from '../../core/tags/editor.js';
import { parseSource, TagInterchange } from '../../core/tags/interchange.js';
import { INTERCHANGE_FORMATS, type InterchangeFormat } from '../../../shared/tagging/interchange.js';
import { parseId } from '../arguments.js';
import { withCore, type GlobalOptions } from '../context.js';
import { usageError } from '../errors.js';

/** Formats only the track interchange writes; csv and json of a `track:<id>` go there too. */
const TRACK_ONLY_FORMATS = INTERCHANGE_FORMATS.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
const ALL_FORMATS = [...EXPORT_FORMATS, ...POSE_EXPORT_FORMATS, ...TRACK_ONLY_FORMATS];
type AnyExportFormat = ExportFormat | PoseExportFormat | InterchangeFormat;

interface ExportCommandOptions extends GlobalOptions {
  format: AnyExportFormat;
  smooth: number;
  out?: string;
  frames: boolean;
  topK: number;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write a completed run as CSV, JSON or an ActivityNet results file (segments in seconds and frames; --frames adds per-frame top-k); ' +
        'a pose run as keypoints (COCO-style JSON), keypoints-csv or kinematics (joint angles and speeds, CSV); ' +
        'or a run or an annotation track (track:<id>) as ELAN .eaf, Sportscode XML, LongoMatch CSV, or track CSV/JSON',
    )
    .argument('<runs...>', 'run ids (see runs list), or track:<id>; activitynet takes several runs')
    .requiredOption('-f, --format <format>', ALL_FORMATS.join(', '), (value: string) => {
      if (!(ALL_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${ALL_FORMATS.join(', ')}`);
      return value as AnyExportFormat;
    })
    .option('-o, --out <file>', 'file to write (default: standard output)')
    .option('--frames', 'csv: one row per frame with its top-k labels instead of segments; json: add them', false)
    .option('--top-k <k>', 'labels per frame with --frames', (value: string) => {
      const k = Number(value);
      if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError('must be a positive integer');
      return k;
    }, 3)
    .option('--smooth <frames>', 'kinematics: centred moving average over N frames (odd; 1 = none)', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n % 2 === 0 || n > 61) throw new InvalidArgumentError('must be an odd integer from 1 to 61');
      return n;
    }, 1)
    .action(async (runs: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<ExportCommandOptions>();
      const format = options.format;
      // Checked before the core opens: a mistake is one line, and nothing is written.
      const out = options.out === undefined ? undefined : await checkOut(options.out);
      const asTracks = runs.some((r) => r.startsWith('track:')) || (TRACK_ONLY_FORMATS as readonly string[]).includes(format);
      if (asTracks) {
        if (runs.length !== 1) throw usageError(`${format} exports one run or track at a time.`, 'runs');
        if (format === 'activitynet' || isPoseExportFormat(format)) throw usageError(`${format} exports runs, not tracks.`, 'format');
      }
      const ids = asTracks ? [] : runs.map(runIdOf);
      await withCore(options, async (core) => {
        if (asTracks) {
          const interchange = new TagInterchange(core.store, new TagEditor(core.store));
          const { text } = interchange.export(parseSource(runs[0]!), format as InterchangeFormat);
          await writeOut([text], out);
          return;
        }
        checkPoseExport(core.store, ids, format);
        const text = isPoseExportFormat(format)
          ? exportPoseRun(core.store, ids[0]!, format, { smoothFrames: options.smooth })
          : exportRuns(core.store, core.analysis, ids, { format: format as ExportFormat, frames: options.frames, topK: options.topK });
        await writeOut(text, out);
      });
    });
}

function runIdOf(value: string): number {
  try {
    return parseId(value);
  } catch (error) {
    throw usageError(`run ${(error as Error).message}`, 'runs');
  }
}

/** `--out` must name a file in an existing folder: said in one line before anything is computed or written. */
async function checkOut(given: string): Promise<string> {
  const out = path.resolve(given);
  if ((await stat(out).catch(() => null))?.isDirectory()) throw usageError(`--out ${given} is a folder; name the file to write, e.g. ${path.join(given, 'run.csv')}.`, 'out');
  const folder = await stat(path.dirname(out)).catch(() => null);
  if (!folder?.isDirectory()) throw usageError(`--out ${given}: the folder ${path.dirname(out)} does not exist.`, 'out');
  return out;
}

/** Writes export text to `out` (already checked; atomically) or to standard output. */
async function writeOut(text: Iterable<string>, out: string | undefined): Promise<void> {
  // Streamed with backpressure: an hour of per-frame rows is never one string.
  // Written to a temporary file beside the target and renamed over it only when complete: a
  // refused or failed export (checks run on the first pull) leaves an existing file untouched.
  if (out) {
    const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
    try {
      await pipeline(Readable.from(text), createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, out);
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

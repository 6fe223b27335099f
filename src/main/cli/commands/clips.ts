/** `actionlens clips <run|track:id> --label L --out DIR`: cut a track's or run's segments into clips (and a highlight reel). */
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors.js';
import { exportClips } from '../../core/clips/index.js';
import { parseSource } from '../../core/tags/interchange.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson, progressLine } from '../output.js';

interface ClipsOptions extends GlobalOptions {
  label: string[];
  out: string;
  pre: string;
  post: string;
  minConfidence?: string;
  reel: boolean;
}

function seconds(value: string, field: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 600) throw new AppError('INVALID_ARGUMENT', `--${field} must be seconds between 0 and 600 (got "${value}").`, { field });
  return n;
}

export function registerClips(program: Command): void {
  program
    .command('clips')
    .description('cut the segments of a run or a track (track:<id>) into clips named from label and time: stream copy when both cuts fall on keyframes, else re-encoded')
    .argument('<source>', 'run id, or track:<id>')
    .requiredOption('-o, --out <dir>', 'folder for the clips')
    .option('-l, --label <label>', 'only segments with this label (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--min-confidence <p>', 'only segments at least this confident (runs)')
    .option('--pre <s>', 'seconds of pre-roll', '0')
    .option('--post <s>', 'seconds of post-roll', '0')
    .option('--reel', 'also join the clips into highlights.mp4', false)
    .action(async (source: string, _options, command: Command) => {
      const options = command.optsWithGlobals<ClipsOptions>();
      await withCore(options, async (core) => {
        const minConfidence = options.minConfidence === undefined ? undefined : Number(options.minConfidence);
        if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) throw new AppError('INVALID_ARGUMENT', '--min-confidence must be between 0 and 1.', { field: 'minConfidence' });
        const progress = progressLine(!options.json);
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        try {
          const result = await exportClips(core.store, parseSource(source), {
            outDir: options.out,
            labels: options.label,
            minConfidence,
            preRollSec: seconds(options.pre, 'pre'),
            postRollSec: seconds(options.post, 'post'),
            reel: options.reel,
            signal: controller.signal,
            onProgress: (p) => progress.update(`clips ${p.done}/${p.total}  ${p.file}`),
          });
          progress.done();
          if (options.json) printJson(result);
          else {
            for (const c of result.clips) process.stdout.write(`${c.mode === 'copy' ? 'copied    ' : 're-encoded'}  ${c.file}\n`);
            if (result.reel) process.stdout.write(`reel        ${result.reel}\n`);
          }
        } finally {
          process.off('SIGINT', stop);
        }
      });
    });
}

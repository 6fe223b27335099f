/**
 * npm run dataset -- --out DIR --clips N --sequences M --seed S [--classes ...] [--min-size WxH]
 *   [--max-size WxH] [--jobs 2] [--force]
 * Exit status: 0 done, 2 impossible request (one-line reason on stderr), 1 failure while generating.
 */
import os from 'node:os';
import { resolveBinaries } from '../../src/main/core/media/index.js';
import { parseOptions, UsageError, USAGE } from './args.js';
import { generateDataset } from './generate.js';

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let opts;
  try {
    opts = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dataset: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const command = ['npm', 'run', 'dataset', '--', ...argv].map(quote).join(' ');
  try {
    const ffmpeg = resolveBinaries().ffmpeg.path;
    const s = await generateDataset(opts, command, ffmpeg, (line) => process.stderr.write(`dataset: ${line}\n`));
    // Throughput per core, normalised to the brief's yardstick: a 3 s, 25 fps, 320x240 clip.
    const cores = Math.min(opts.jobs, os.availableParallelism());
    const yardsticks = s.pixels / (320 * 240 * 75);
    process.stdout.write(
      `wrote ${s.items} items (${s.clips} clips, ${s.sequences} sequences, ${s.frames} frames) to ${s.dir} in ${s.seconds.toFixed(1)} s: ` +
        `${(s.frames / s.seconds).toFixed(0)} frames/s with ${opts.jobs} job(s), ` +
        `${((s.seconds * cores) / yardsticks).toFixed(3)} s per 3 s 320x240 clip per core (render+encode, wall clock)\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dataset: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`dataset: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

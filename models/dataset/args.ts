/** Command-line options of the dataset generator, validated; impossible requests become UsageErrors. */
import { parseArgs } from 'node:util';
import { DEFAULT_ACTIONS, type DefaultAction } from '../../src/shared/actions.js';
import { DEFAULT_SIZES, feasibleHeights, parseSize, type SizeLimits } from './format.js';
import { sequenceImpossible } from './sequence-plan.js';

/** A request that cannot be carried out as asked: printed as one line, exit status 2. */
export class UsageError extends Error {}

export interface Options {
  out: string;
  clips: number;
  sequences: number;
  seed: number;
  /** In DEFAULT_ACTIONS order, whatever order they were given in. */
  classes: DefaultAction[];
  sizes: SizeLimits;
  jobs: number;
  force: boolean;
}

export const USAGE = `usage: npm run dataset -- --out DIR --clips N --sequences M --seed S [--classes idle,walk,...]
       [--min-size 160x120] [--max-size 640x480] [--jobs 2] [--force]`;

const MIN_FRAME: [number, number] = [32, 24];
const MAX_FRAME: [number, number] = [3840, 2160];

function count(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not "${value}"`);
  const n = Number(value);
  if (n > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not ${value}`);
  return n;
}

function size(name: string, value: string | undefined, fallback: [number, number]): [number, number] {
  if (value === undefined) return fallback;
  const parsed = parseSize(value);
  if (!parsed) throw new UsageError(`--${name} "${value}" is not a frame size like 320x240`);
  const [w, h] = parsed;
  if (w < MIN_FRAME[0] || h < MIN_FRAME[1] || w > MAX_FRAME[0] || h > MAX_FRAME[1]) {
    throw new UsageError(`--${name} ${value} is outside ${MIN_FRAME.join('x')}..${MAX_FRAME.join('x')}`);
  }
  return parsed;
}

function classList(value: string | undefined): DefaultAction[] {
  if (value === undefined) return [...DEFAULT_ACTIONS];
  const names = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError(`--classes is empty; valid classes: ${DEFAULT_ACTIONS.join(', ')}`);
  for (const name of names) {
    if (!(DEFAULT_ACTIONS as readonly string[]).includes(name)) throw new UsageError(`unknown class "${name}" in --classes; valid classes: ${DEFAULT_ACTIONS.join(', ')}`);
  }
  return DEFAULT_ACTIONS.filter((c) => names.includes(c));
}

const VALUE_OPTIONS = new Set(['--out', '--clips', '--sequences', '--seed', '--classes', '--min-size', '--max-size', '--jobs']);

/** "--clips -3" would otherwise read as a missing value; join it so the range check can name it. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (VALUE_OPTIONS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(argv),
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        clips: { type: 'string' },
        sequences: { type: 'string' },
        seed: { type: 'string' },
        classes: { type: 'string' },
        'min-size': { type: 'string' },
        'max-size': { type: 'string' },
        jobs: { type: 'string' },
        force: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] as string);
  }
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const out = str('out');
  if (!out || out.trim() === '') throw new UsageError('--out DIR is required (the folder to write the dataset to)');
  const clips = count('clips', str('clips'), 0, 10_000_000);
  const sequences = count('sequences', str('sequences'), 0, 1_000_000);
  if (clips + sequences <= 0) throw new UsageError('nothing to generate: give --clips and/or --sequences a count above 0');
  const seed = count('seed', str('seed'), 1, 2 ** 32 - 1);
  const classes = classList(str('classes'));
  if (sequences > 0) {
    const why = sequenceImpossible(classes);
    if (why) throw new UsageError(`cannot make sequences from --classes ${classes.join(',')}: ${why}`);
  }
  const [minWidth, minHeight] = size('min-size', str('min-size'), [DEFAULT_SIZES.minWidth, DEFAULT_SIZES.minHeight]);
  const [maxWidth, maxHeight] = size('max-size', str('max-size'), [DEFAULT_SIZES.maxWidth, DEFAULT_SIZES.maxHeight]);
  if (minWidth > maxWidth || minHeight > maxHeight) throw new UsageError(`--min-size ${minWidth}x${minHeight} is larger than --max-size ${maxWidth}x${maxHeight}`);
  const sizes = { minWidth, minHeight, maxWidth, maxHeight };
  if (feasibleHeights(sizes).length === 0) {
    throw new UsageError(`no even frame size between ${minWidth}x${minHeight} and ${maxWidth}x${maxHeight} has an aspect ratio from 4:3 to 16:9`);
  }
  const jobs = count('jobs', str('jobs'), 2, 64);
  if (jobs < 1) throw new UsageError('--jobs must be at least 1');
  return { out, clips, sequences, seed, classes, sizes, jobs, force: values.force === true };
}

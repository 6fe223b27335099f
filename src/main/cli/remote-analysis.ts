/** `--queue` for the commands that analyse (analyze, serve): jobs computed by headless workers, stored here. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { QueueSettings } from '../../shared/scaleout.js';
import { queueConnection } from '../core/scaleout/connection.js';
import { splitPassword } from '../core/scaleout/placement.js';

export const ANALYSIS_PLACES = ['workers', 'both'] as const;
export type AnalysisPlace = (typeof ANALYSIS_PLACES)[number];

export interface RemoteAnalysisOptions {
  queue?: string;
  analyseOn: AnalysisPlace;
  insecureRedis: boolean;
  tlsCa?: string;
}

export function addRemoteAnalysisOptions(command: Command): Command {
  return command
    .addOption(new Option('--queue <url>', 'compute on headless workers through this Redis (redis://[user:pass@]host:port; see docs/scale-out.md); runs are stored here').env('ACTIONLENS_QUEUE'))
    .addOption(
      new Option('--analyse-on <place>', 'with --queue: workers only, or both (one job at a time here, the rest on workers)')
        .argParser((value: string) => {
          if (!(ANALYSIS_PLACES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be ${ANALYSIS_PLACES.join(' or ')}`);
          return value as AnalysisPlace;
        })
        .default('workers'),
    )
    .option('--insecure-redis', 'allow a Redis without a password on another machine', false)
    .option('--tls-ca <file>', 'CA certificate of a rediss:// server');
}

/**
 * [Note: coordinator] The core coordinates (core/scaleout/placement.ts): these become its open
 * options, plain data that travels to the core's host process. Checked here first, so a bad URL
 * is the command's one-line error naming --queue.
 */
export function queueSettingsFrom(options: RemoteAnalysisOptions): QueueSettings | undefined {
  if (!options.queue) return undefined;
  queueConnection(options.queue, { insecure: options.insecureRedis, tlsCaFile: options.tlsCa });
  const { url, password } = splitPassword(options.queue);
  return { place: options.analyseOn, queueUrl: url, password, tlsCaFile: options.tlsCa ?? null, insecureRedis: options.insecureRedis };
}

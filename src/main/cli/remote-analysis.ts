/** `--queue` for the commands that analyse (analyze, serve): jobs computed by headless workers, stored here. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { AppCore, AppCoreOptions } from '../core/app.js';
import type { JobRunnerOptions } from '../core/analysis/job-runner.js';
import { queueConnection } from '../core/scaleout/connection.js';
import { Coordinator } from '../core/scaleout/coordinator.js';

export const ANALYSIS_PLACES = ['workers', 'both'] as const;
export type AnalysisPlace = (typeof ANALYSIS_PLACES)[number];

export interface RemoteAnalysisOptions {
  queue?: string;
  analyseOn: AnalysisPlace;
  insecureRedis: boolean;
  tlsCa?: string;
}

/** Jobs a coordinator keeps on the queue at once: enough for many workers, each costing this process only its chunks' writes. */
const REMOTE_JOBS_AT_ONCE = 64;

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
 * [Note: coordinator] The core's job runner hands computing to a Coordinator, created once the
 * core (its store and models) exists; `both` keeps one job computing in this process too.
 */
export class RemoteAnalysis {
  readonly coreOptions: Partial<AppCoreOptions>;
  readonly #connection;
  #coordinator: Coordinator | null = null;
  #localRunning = 0;

  constructor(options: RemoteAnalysisOptions & { queue: string }) {
    this.#connection = queueConnection(options.queue, { insecure: options.insecureRedis, tlsCaFile: options.tlsCa });
    const localSlots = options.analyseOn === 'both' ? 1 : 0;
    const compute: JobRunnerOptions['compute'] = async (input, signal, report, here) => {
      if (this.#localRunning < localSlots) {
        this.#localRunning += 1;
        try {
          return await here();
        } finally {
          this.#localRunning -= 1;
        }
      }
      if (!this.#coordinator) throw new Error('the coordinator is not attached yet');
      return this.#coordinator.run(input, signal, report);
    };
    this.coreOptions = { analysis: { compute, concurrency: REMOTE_JOBS_AT_ONCE } };
  }

  async attach(core: AppCore): Promise<void> {
    // ACTIONLENS_QUEUE_CHECK_MS: how often a waiting run checks that Redis still holds its job (tests shorten it).
    const jobCheckMs = Number(process.env.ACTIONLENS_QUEUE_CHECK_MS) || undefined;
    this.#coordinator = new Coordinator({ store: core.store, models: core.models, connection: this.#connection, jobCheckMs });
    await this.#coordinator.ready();
  }

  async close(): Promise<void> {
    await this.#coordinator?.close();
  }
}

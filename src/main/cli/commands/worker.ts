import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { defaultModelDirs, ModelRegistry, REPO_MODELS_DIR } from '../../core/models/index.js';
import { defaultDataDir } from '../../core/paths.js';
import { queueConnection } from '../../core/scaleout/connection.js';
import { parsePathMap, type PathMap } from '../../core/scaleout/path-map.js';
import { probeRedis } from '../../core/scaleout/probe.js';
import { RemoteWorker } from '../../core/scaleout/remote-worker.js';
import { openStore } from '../../core/store/index.js';
import { reportError, type OutputOptions } from '../output.js';
import { plain } from '../plain.js';

interface WorkerOptions extends OutputOptions {
  queue: string;
  concurrency: number;
  map: PathMap[];
  insecureRedis: boolean;
  tlsCa?: string;
  lockMs: number;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('a headless analysis worker: takes jobs from a coordinator\'s Redis queue, sends the results back (see docs/scale-out.md)')
    // [Note: Redis password] From the environment it stays out of `ps` and shell history.
    .addOption(new Option('--queue <url>', 'the Redis the coordinator uses: redis://[user:pass@]host:port (rediss:// for TLS)').env('ACTIONLENS_QUEUE').makeOptionMandatory())
    .option('--concurrency <n>', 'jobs at once (each uses the inference threads of a local job)', positiveInteger, 1)
    .option('--map <from=to>', 'the coordinator\'s path prefix FROM is TO here (repeatable)', (value: string, all: PathMap[]) => [...all, parsePathMap(value)], [] as PathMap[])
    .option('--insecure-redis', 'allow a Redis without a password on another machine', false)
    .option('--tls-ca <file>', 'CA certificate of a rediss:// server')
    .option('--lock-ms <ms>', 'a job whose worker is silent this long is given to another worker', positiveInteger, 30_000)
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<WorkerOptions>();
      try {
        await runWorker(options);
      } catch (error) {
        reportError(error, options);
      }
    });
}

async function runWorker(options: WorkerOptions): Promise<void> {
  const connection = queueConnection(options.queue, { insecure: options.insecureRedis, tlsCaFile: options.tlsCa });
  await probeRedis(connection); // a wrong password, a TLS failure or nothing listening: one line now, not a timeout
  // [Note: no store on a worker] The registry caches model summaries in a store; a worker's lives in memory and dies with it.
  const scratch = openStore(':memory:');
  const dataDir = defaultDataDir();
  const models = new ModelRegistry(scratch, defaultModelDirs(dataDir, process.env, REPO_MODELS_DIR), { shippedDir: REPO_MODELS_DIR });
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${plain(line)}\n`);
  const worker = new RemoteWorker({ connection, models, concurrency: options.concurrency, maps: options.map, lockDurationMs: options.lockMs, log });
  try {
    await worker.ready();
  } catch (error) {
    await worker.close(true);
    scratch.close();
    throw error;
  }
  log(`worker ready on ${connection.display}, ${options.concurrency} job(s) at once`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      log('stopping: finishing the running jobs (Ctrl-C again to leave them to other workers)');
      process.once('SIGINT', () => void worker.close(true).then(resolve));
      void worker.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  scratch.close();
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

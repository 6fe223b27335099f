import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { inProcessCore, type CoreConnection } from '../../core/host/connection.js';
import { forkNodeHost } from '../../core/host/fork-host.js';
import { HostedCore } from '../../core/host/hosted-core.js';
import { defaultDataDir } from '../../core/paths.js';
import type { QueueSettings } from '../../../shared/scaleout.js';
import { startWebHost } from '../../web/server.js';
import { cliCore, cliLogOptions, packageVersion, startLogging, type GlobalOptions } from '../context.js';
import { addRemoteAnalysisOptions, queueSettingsFrom, type RemoteAnalysisOptions } from '../remote-analysis.js';
import { usageError } from '../errors.js';
import { reportError } from '../output.js';
import { plain } from '../plain.js';

const DEFAULT_RENDERER = fileURLToPath(new URL('../../../../out/renderer', import.meta.url));

interface ServeOptions extends GlobalOptions, RemoteAnalysisOptions {
  host: string;
  port: number;
  renderer: string;
  inProcess?: boolean;
}

export function registerServe(program: Command): void {
  const command = program.command('serve');
  addRemoteAnalysisOptions(command);
  command
    .description('serve the ActionLens UI and API to a browser on this machine (needs `npm run build` first)')
    .option('--host <address>', 'address to listen on (loopback only unless you say otherwise)', '127.0.0.1')
    .option('--port <number>', 'port; 0 picks a free one', parsePort, 5199)
    .option('--renderer <dir>', 'renderer build to serve', DEFAULT_RENDERER)
    .option('--in-process', 'run the core on the HTTP server\'s own loop instead of in its own process (for comparison)')
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<ServeOptions>();
      let core: CoreConnection | undefined;
      try {
        if (!existsSync(options.renderer)) {
          throw usageError(`No renderer build at ${options.renderer}: run "npm run build" first (npm run serve does both).`, 'renderer');
        }
        const { connection, databaseFile } = await openCore(options, queueSettingsFrom(options));
        core = connection;
        const host = await startWebHost(core, { rendererDir: options.renderer, host: options.host, port: options.port }).catch((error: unknown) => {
          throw describeListenError(error, options);
        });
        const opened = core;
        if (!['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
          process.stderr.write(`warning: listening on ${options.host}: anyone who can reach it and has the token can read your library\n`);
        }
        process.stdout.write(`ActionLens ${packageVersion()} web host, database ${plain(databaseFile)}${options.inProcess ? ' (core in process)' : ''}\nOpen ${host.url}\n`);
        const stop = async () => {
          await host.close();
          await opened.close(); // running jobs stop and are marked before the database closes
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (error) {
        await core?.close();
        reportError(error, options);
      }
    });
}

/**
 * The core in its own process (HostedCore: restarted if it dies, its runs resume), or with
 * --in-process on this loop. Either way runs cut short by a crash are queued again at open.
 * [Note: serve --queue] The core coordinates the workers itself (core/scaleout/placement.ts), so
 * --queue only adds to its open options; without it the place stored by the settings screen holds.
 */
async function openCore(options: ServeOptions, queue: QueueSettings | undefined): Promise<{ connection: CoreConnection; databaseFile: string }> {
  if (options.inProcess) {
    const app = cliCore(options, { queue });
    try {
      await app.placement.opened();
    } catch (error) {
      await app.close();
      throw error;
    }
    app.analysis.requeueInterrupted();
    app.watch.start();
    return { connection: inProcessCore(app), databaseFile: app.store.file };
  }
  startLogging(options, 'serve.log'); // this process logs restarts of its host; the host logs the core to actionlens.log
  const hosted = await HostedCore.start(forkNodeHost(), { dataDir: defaultDataDir(), databaseFile: options.db, version: packageVersion(), queue }, cliLogOptions(options));
  return { connection: hosted, databaseFile: hosted.databaseFile };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0–65535)`);
  return port;
}

/** A port in use or an address this machine does not have is the user's to change: one line saying how. */
function describeListenError(error: unknown, options: ServeOptions): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${options.host}:${options.port}`;
  if (code === 'EADDRINUSE') return usageError(`Cannot listen on ${where}: the port is in use (another ActionLens serve?). Choose another with --port, or --port 0 for a free one.`, 'port');
  if (code === 'EADDRNOTAVAIL') return usageError(`Cannot listen on ${where}: this machine has no address ${options.host}.`, 'host');
  if (code === 'EACCES') return usageError(`Cannot listen on ${where}: ports below 1024 need administrator rights; choose another with --port.`, 'port');
  return error;
}

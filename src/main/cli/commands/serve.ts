import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { openAppCore } from '../../core/app.js';
import { startWebHost } from '../../web/server.js';
import { packageVersion, type GlobalOptions } from '../context.js';
import { reportError } from '../output.js';

const DEFAULT_RENDERER = fileURLToPath(new URL('../../../../out/renderer', import.meta.url));

interface ServeOptions extends GlobalOptions {
  host: string;
  port: number;
  renderer: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the ActionLens UI and API to a browser on this machine (needs `npm run build` first)')
    .option('--host <address>', 'address to listen on (loopback only unless you say otherwise)', '127.0.0.1')
    .option('--port <number>', 'port; 0 picks a free one', parsePort, 5199)
    .option('--renderer <dir>', 'renderer build to serve', DEFAULT_RENDERER)
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<ServeOptions>();
      try {
        if (!existsSync(options.renderer)) {
          throw new Error(`no renderer build at ${options.renderer}: run "npm run build" first (npm run serve does both)`);
        }
        const core = openAppCore({ databaseFile: options.db, version: packageVersion() });
        core.analysis.requeueInterrupted();
        const host = await startWebHost(core, { rendererDir: options.renderer, host: options.host, port: options.port });
        if (!['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
          process.stderr.write(`warning: listening on ${options.host}: anyone who can reach it and has the token can read your library\n`);
        }
        process.stdout.write(`ActionLens ${packageVersion()} web host, database ${core.store.file}\nOpen ${host.url}\n`);
        const stop = async () => {
          await host.close();
          await core.close(); // running jobs stop and are marked before the database closes
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (error) {
        reportError(error, options);
      }
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0–65535)`);
  return port;
}

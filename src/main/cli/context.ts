import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAppCore, type AppCore, type AppCoreOptions } from '../core/app.js';
import { configureLogging, type LogOptions } from '../core/log/logger.js';
import { defaultDataDir } from '../core/paths.js';
import { LOCAL_ONLY } from '../../shared/scaleout.js';
import { reportError, type OutputOptions } from './output.js';

export interface GlobalOptions extends OutputOptions {
  db?: string;
  verbose?: boolean;
}

/**
 * The data folder is ACTIONLENS_DATA_DIR or the per-user folder, whatever `--db` says: a database kept
 * elsewhere (say, beside a checkout's models/) must not turn that folder into the import store.
 */
export function cliCore(options: GlobalOptions, extra: Partial<AppCoreOptions> = {}): AppCore {
  // [Note: CLI analyses locally] A command computes here unless it says --queue; the analysis place stored by the
  // settings screen is for the app and serve (which pass `queue: undefined` to use it).
  const core = openAppCore({ dataDir: defaultDataDir(), databaseFile: options.db, version: packageVersion(), ...('queue' in extra ? {} : { queue: LOCAL_ONLY }), ...extra });
  startLogging(options);
  return core;
}

/** Where the CLI's (and its core host's) logs go: `<data folder>/logs`, and stderr with --verbose. */
export function cliLogOptions(options: GlobalOptions): LogOptions {
  return { dir: join(defaultDataDir(), 'logs'), verbose: options.verbose === true };
}

/** A log that cannot be opened (a read-only data folder) does not stop the command. */
export function startLogging(options: GlobalOptions, fileName?: string): void {
  try {
    configureLogging({ ...cliLogOptions(options), fileName });
  } catch (error) {
    if (options.verbose) process.stderr.write(`actionlens: no log file: ${(error as Error).message}\n`);
  }
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Opens the core on the chosen database, runs the command, and always closes it. */
export async function withCore(options: GlobalOptions, run: (core: AppCore) => Promise<void>, extra: Partial<AppCoreOptions> = {}): Promise<void> {
  let core: AppCore | undefined;
  try {
    core = cliCore(options, extra);
    await run(core);
  } catch (error) {
    reportError(error, options);
  } finally {
    core?.close();
  }
}

import { readFileSync } from 'node:fs';
import { openAppCore, type AppCore, type AppCoreOptions } from '../core/app.js';
import { defaultDataDir } from '../core/paths.js';
import { reportError, type OutputOptions } from './output.js';

export interface GlobalOptions extends OutputOptions {
  db?: string;
}

/**
 * The data folder is ACTIONLENS_DATA_DIR or the per-user folder, whatever `--db` says: a database kept
 * elsewhere (say, beside a checkout's models/) must not turn that folder into the import store.
 */
export function cliCore(options: GlobalOptions, extra: Partial<AppCoreOptions> = {}): AppCore {
  return openAppCore({ dataDir: defaultDataDir(), databaseFile: options.db, version: packageVersion(), ...extra });
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

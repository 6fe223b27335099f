import { readFileSync } from 'node:fs';
import { openAppCore, type AppCore } from '../core/app.js';
import { reportError, type OutputOptions } from './output.js';

export interface GlobalOptions extends OutputOptions {
  db?: string;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Opens the core on the chosen database, runs the command, and always closes it. */
export async function withCore(options: GlobalOptions, run: (core: AppCore) => Promise<void>): Promise<void> {
  let core: AppCore | undefined;
  try {
    core = openAppCore({ databaseFile: options.db, version: packageVersion() });
    await run(core);
  } catch (error) {
    reportError(error, options);
  } finally {
    core?.close();
  }
}

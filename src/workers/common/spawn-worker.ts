import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerEntry {
  /** The TypeScript source, beside the module that starts it (CLI, tests: run through tsx). */
  sourceFile: string;
  /** The bundled file electron-vite emits beside the main bundle. */
  bundledFile: string;
}

/**
 * Starts a worker thread from source or from the bundle; the one place that knows the difference.
 *
 * [Note: tsx in workers] Node 20 does not apply `--import tsx` from a Worker's `execArgv` to the
 * worker's entry module (it fails with "Unknown file extension .ts"), so from source the worker
 * starts as a one-line bootstrap that registers tsx's loader in the worker thread and
 * then imports the TypeScript entry. A bundled build needs neither.
 */
export function startWorker(entry: WorkerEntry, importerUrl: string, options: WorkerOptions = {}): Worker {
  const fromSource = importerUrl.endsWith('.ts');
  if (!fromSource) return new Worker(new URL(`./${entry.bundledFile}`, importerUrl), options);
  const entryUrl = new URL(`./${entry.sourceFile}`, importerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl(importerUrl))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entryUrl)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * tsx's ESM register API as an absolute URL, so the bootstrap works from any working directory.
 * require.resolve can only see the package's CommonJS build (whose register() resolves its
 * loader from the wrong folder when called in a worker); the ESM build sits beside it.
 */
function tsxEsmApiUrl(importerUrl: string): string {
  const commonJs = createRequire(importerUrl).resolve('tsx/esm/api');
  return pathToFileURL(commonJs.replace(/\.cjs$/, '.mjs')).href;
}

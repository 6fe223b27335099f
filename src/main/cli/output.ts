import { serializeError } from '../../shared/errors.js';
import { errorCode, printError } from './errors.js';

export interface OutputOptions {
  json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Reports a failure in one line (and as JSON on stdout with --json) and sets the exit code (see EXIT). */
export function reportError(error: unknown, options: OutputOptions): void {
  if (options.json) printJson({ error: { ...serializeError(error), code: errorCode(error) } });
  printError(error);
}

/**
 * A reader that stops early (`actionlens … | head`) closes the pipe: the rest of the output is
 * dropped and the command finishes its work (a run, a write) and exits 0, without an EPIPE trace.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      stream.write = () => true;
    });
  }
}

/** A one-line progress display on a terminal; silent when stderr is not a TTY (logs, pipes). */
export function progressLine(enabled: boolean): { update(text: string): void; done(): void } {
  const active = enabled && process.stderr.isTTY === true;
  let shown = false;
  return {
    update(text) {
      if (!active) return;
      const width = process.stderr.columns ?? 80;
      process.stderr.write(`\r${text.slice(0, width - 1).padEnd(width - 1)}`);
      shown = true;
    },
    done() {
      if (active && shown) process.stderr.write(`\r${' '.repeat((process.stderr.columns ?? 80) - 1)}\r`);
    },
  };
}

import { serializeError, isAppError } from '../../shared/errors.js';

export interface OutputOptions {
  json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Reports a failure in words (or as JSON with --json) and sets a non-zero exit code. */
export function reportError(error: unknown, options: OutputOptions): void {
  if (options.json) printJson({ error: serializeError(error) });
  if (isAppError(error)) {
    process.stderr.write(`actionlens: ${error.message}\n`);
  } else {
    process.stderr.write(`actionlens: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
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

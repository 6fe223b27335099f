import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotationOptions {
  /** A file reaching this size is rotated (default 5 MiB). */
  maxBytes?: number;
  /** Rotated files kept: `<file>.1` (newest) … `<file>.<keep>` (default 3). */
  keep?: number;
}

/**
 * A log file capped in size: past `maxBytes` it becomes `<file>.1` (older ones shift up, the
 * oldest goes) and a new file starts. Writes are synchronous: log lines are few (commands, slow
 * statements, errors) and must not be lost when the process is killed right after.
 */
export class RotatingFile {
  readonly file: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  #fd: number;
  #size: number;

  constructor(file: string, { maxBytes = 5 * 1024 * 1024, keep = 3 }: RotationOptions = {}) {
    this.file = file;
    this.#maxBytes = maxBytes;
    this.#keep = keep;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.#fd = openSync(file, 'a', 0o600);
    this.#size = fstatSync(this.#fd).size;
  }

  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
    writeSync(this.#fd, line);
    this.#size += bytes;
    return true;
  }

  close(): void {
    closeSync(this.#fd);
  }

  #rotate(): void {
    closeSync(this.#fd);
    rmSync(`${this.file}.${this.#keep}`, { force: true });
    for (let n = this.#keep - 1; n >= 1; n--) {
      try {
        renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
      } catch {
        // not there yet
      }
    }
    renameSync(this.file, `${this.file}.1`);
    this.#fd = openSync(this.file, 'a', 0o600);
    this.#size = 0;
  }
}

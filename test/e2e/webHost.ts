import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/actionlens.mjs');

export interface RunningHost {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** Starts `actionlens serve` (the real CLI) on a free port and resolves with the URL it prints. */
export async function startServe(db: string, extraArgs: readonly string[] = []): Promise<RunningHost> {
  // Each host gets the database's folder as its data folder (imports, proxies, thumbnails): tests
  // never share, or find stale files in, the per-user folder.
  const env = { ...process.env, ACTIONLENS_DATA_DIR: dirname(db) };
  const child: ChildProcess = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`actionlens serve did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`actionlens serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

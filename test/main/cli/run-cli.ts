/** Runs the real `actionlens` CLI as a child process. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../helpers/clips.js';

export const BIN = path.join(REPO_ROOT, 'bin/actionlens.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A one-line error: `actionlens: …`, nothing else on stderr (no stack frame, no help text). */
export function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '' && line !== '(run with --help for usage)');
  if (lines.length !== 1 || !lines[0]!.startsWith('actionlens: ') || /^\s+at /m.test(stderr)) throw new Error(`expected a one-line error, got:\n${stderr}`);
  return lines[0]!;
}

/**
 * A real full disk for tests: a small tmpfs mounted in a private mount namespace (`unshare -rm`: no root
 * needed where unprivileged user namespaces are allowed), seen only by the command run inside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/** Why a tiny disk cannot be made here, or '' when it can. */
export function tinyDiskUnavailable(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'actionlens-tinydisk-probe-'));
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${quote(dir)}`], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (probe.error) return ` (skipped: no \`unshare\` to mount a small tmpfs: ${probe.error.message})`;
  if (probe.status !== 0) return ` (skipped: cannot mount a small tmpfs in a user namespace: ${probe.stderr.trim()})`;
  return '';
}

export interface TinyDiskResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` with a `size` tmpfs mounted on a fresh folder, first running `prepare` (a shell snippet,
 * `$DISK` names the folder) inside the namespace, e.g. to seed files.
 */
export function onTinyDisk(size: string, command: string[], options: { prepare?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TinyDiskResult & { dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'actionlens-tinydisk-'));
  const script = `mount -t tmpfs -o size=${size} tmpfs "$DISK" && ${options.prepare ?? 'true'} && exec ${command.map(quote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-rm', 'sh', '-c', script], { env: { ...process.env, ...options.env, DISK: dir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    // The mount lived only in the child's namespace: here the folder is empty again.
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, stdout, stderr, dir });
    });
  });
}

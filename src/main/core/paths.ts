import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'ActionLens';
export const DATABASE_FILE_NAME = 'actionlens.db';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for an app
 * named ActionLens, so the desktop app and the CLI share one library. `ACTIONLENS_DATA_DIR`
 * overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ACTIONLENS_DATA_DIR) return env.ACTIONLENS_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), DATABASE_FILE_NAME);
}

/** Owner only: the library names the user's videos, and proxies and thumbnails show their frames. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder readable by its owner only (0700). An existing ActionLens data folder (it
 * holds actionlens.db) made world-readable by an earlier version is tightened, with its database files;
 * [Note: any other existing folder, e.g. ACTIONLENS_DATA_DIR=/tmp, keeps its mode: changing a shared
 * folder's permissions would break other programs.]
 */
export function ensurePrivateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const database = join(dir, DATABASE_FILE_NAME);
  if (!statSync(database, { throwIfNoEntry: false })) return;
  tighten(dir, PRIVATE_DIR_MODE);
  for (const suffix of ['', '-wal', '-shm']) tighten(database + suffix, PRIVATE_FILE_MODE);
}

function tighten(file: string, mode: number): void {
  const info = statSync(file, { throwIfNoEntry: false });
  const mine = typeof process.getuid !== 'function' || info?.uid === process.getuid();
  if (info && mine && (info.mode & 0o777 & ~mode) !== 0) chmodSync(file, mode);
}

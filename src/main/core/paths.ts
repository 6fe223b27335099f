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

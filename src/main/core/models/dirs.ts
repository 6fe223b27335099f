import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `models/` of this checkout: the default models when running from source (CLI, tests, `npm start`). */
export const REPO_MODELS_DIR = fileURLToPath(new URL('../../../../models', import.meta.url));

export { DEFAULT_MODEL_ID } from '../../../shared/engine.js';

/** Environment variable: extra model folders, separated like PATH (`:` on Linux and macOS, `;` on Windows). */
export const MODEL_PATH_ENV = 'ACTIONLENS_MODEL_PATH';

/**
 * Where models are looked for, in order (the first folder to declare an id wins): the default
 * models, the user's imported models (`<data folder>/models`), then ACTIONLENS_MODEL_PATH.
 * A packaged app passes its own defaults folder (inside its resources) instead of the checkout's.
 */
export function defaultModelDirs(dataDir: string, env: NodeJS.ProcessEnv = process.env, defaultsDir = REPO_MODELS_DIR): string[] {
  const extra = (env[MODEL_PATH_ENV] ?? '').split(path.delimiter).filter((dir) => dir.length > 0);
  return [defaultsDir, path.join(dataDir, 'models'), ...extra];
}

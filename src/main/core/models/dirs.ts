import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `models/` of this checkout: the default models when running from source (CLI, tests, `npm start`). */
export const REPO_MODELS_DIR = fileURLToPath(new URL('../../../../models', import.meta.url));

/** The model used when none is named: per-frame labels, causal, so it also follows a growing file. */
export const DEFAULT_MODEL_ID = 'cnn-lstm';

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

import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';

export interface ResolvedBinary {
  path: string;
  source: 'env' | 'package' | 'system';
}

export interface ResolvedBinaries {
  ffmpeg: ResolvedBinary;
  ffprobe: ResolvedBinary;
}

type Tool = 'ffmpeg' | 'ffprobe';

const require = createRequire(import.meta.url);

/** How to get each tool, in order of preference after the environment variable. */
const SOURCES: Record<Tool, { envVar: string; packagePath: () => string | null }> = {
  ffmpeg: { envVar: 'FFMPEG_PATH', packagePath: () => requireOptional<string | null>('ffmpeg-static') },
  ffprobe: {
    envVar: 'FFPROBE_PATH',
    packagePath: () => requireOptional<{ path?: string }>('@ffprobe-installer/ffprobe')?.path ?? null,
  },
};

const cache = new Map<Tool, ResolvedBinary>();

/** Finds ffmpeg and ffprobe (cached). Throws BINARY_NOT_FOUND saying what to install or set. */
export function resolveBinaries(): ResolvedBinaries {
  return { ffmpeg: resolveBinary('ffmpeg'), ffprobe: resolveBinary('ffprobe') };
}

/** Finds one tool, so that probing works even where only ffprobe is available. */
export function resolveBinary(tool: Tool): ResolvedBinary {
  const cached = cache.get(tool);
  if (cached) return cached;
  const found = locate(tool);
  cache.set(tool, found);
  return found;
}

/**
 * After the packaged binary crashed (killed by a signal), the same tool from PATH, if there is
 * one, used from then on. [Note: static ffprobe crash] The static ffprobe in
 * @ffprobe-installer (johnvansickle build) dies with SIGSEGV on any MPEG-TS file on some
 * machines (Debian 12 here; reported upstream for other hosts too), and .ts is what many
 * recorders write. Null when there is nothing else to try.
 */
export function fallBackAfterCrash(tool: Tool): ResolvedBinary | null {
  const current = resolveBinary(tool);
  if (current.source !== 'package') return null;
  const fromSystem = findOnPath(tool);
  if (!fromSystem || fromSystem === current.path) return null;
  const fallback: ResolvedBinary = { path: fromSystem, source: 'system' };
  cache.set(tool, fallback);
  return fallback;
}

/** Forgets resolved paths, e.g. after FFMPEG_PATH/FFPROBE_PATH or PATH changed. */
export function clearBinaryCache(): void {
  cache.clear();
}

/**
 * Inside a packaged Electron app, node_modules paths point into the app.asar archive, which
 * cannot be executed; electron-builder's asarUnpack puts the binaries in app.asar.unpacked.
 */
export function unpackedAsarPath(file: string): string {
  return file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

function locate(tool: Tool): ResolvedBinary {
  const { envVar, packagePath } = SOURCES[tool];
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    const file = unpackedAsarPath(fromEnv);
    if (!isFile(file)) {
      throw new AppError(
        'BINARY_NOT_FOUND',
        `${envVar} is set to "${fromEnv}", but there is no ${tool} executable there. Point ${envVar} at the ${tool} binary or unset it.`,
        { field: envVar },
      );
    }
    return { path: file, source: 'env' };
  }
  const fromPackage = packagePath();
  if (fromPackage && isFile(unpackedAsarPath(fromPackage))) {
    return { path: unpackedAsarPath(fromPackage), source: 'package' };
  }
  const fromSystem = findOnPath(tool);
  if (fromSystem) return { path: fromSystem, source: 'system' };
  throw new AppError(
    'BINARY_NOT_FOUND',
    `${tool} was not found. Install FFmpeg so that "${tool}" is on your PATH ` +
      `(e.g. "sudo apt install ffmpeg", "brew install ffmpeg", "winget install ffmpeg"), ` +
      `or set ${envVar} to the full path of the ${tool} executable.`,
  );
}

/** Searches PATH like a shell would: `ffmpeg` on unix (must be executable), `ffmpeg.exe` on Windows. */
export function findOnPath(tool: string, searchPath = process.env.PATH ?? ''): string | null {
  const name = process.platform === 'win32' ? `${tool}.exe` : tool;
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isFile(candidate) && isExecutable(candidate)) return candidate;
  }
  return null;
}

/** Loads an optional package; absent or broken (e.g. unsupported platform) means null. */
function requireOptional<T>(name: string): T | null {
  try {
    return require(name) as T;
  } catch {
    return null;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  if (process.platform === 'win32') return true;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { manifestSchema, type ModelManifest } from '../../../shared/manifest.js';
import { manifestConsistencyIssues } from './consistency.js';

export const MANIFEST_FILE = 'manifest.json';
export const MODEL_FILE = 'model.onnx';

export interface ModelFolder {
  dir: string;
  manifestFile: string;
  modelFile: string;
  manifest: ModelManifest;
}

/**
 * Reads and validates `<dir>/manifest.json` and checks that `<dir>/model.onnx` exists. Every
 * failure is an AppError naming the file and, for a bad manifest, the field, e.g.
 * `…/manifest.json: "inputs.rgb.layout": Invalid option: expected one of "NCHW"|…`.
 */
export async function readModelFolder(dir: string): Promise<ModelFolder> {
  const manifestFile = path.join(dir, MANIFEST_FILE);
  const modelFile = path.join(dir, MODEL_FILE);
  const text = await readFile(manifestFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new AppError(error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'UNREADABLE', `${manifestFile}: cannot read the manifest (${error.code ?? error.message}).`, { file: manifestFile });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', `${manifestFile}: not valid JSON (${(error as Error).message}).`, { file: manifestFile });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(manifest)';
    throw new AppError('INVALID_ARGUMENT', `${manifestFile}: "${field}": ${issue?.message ?? 'is invalid'}.`, { file: manifestFile, field });
  }
  const issue = manifestConsistencyIssues(parsed.data)[0];
  if (issue) throw new AppError('INVALID_ARGUMENT', `${manifestFile}: "${issue.field}": ${issue.message}.`, { file: manifestFile, field: issue.field });
  const info = await stat(modelFile).catch(() => null);
  if (!info?.isFile()) throw new AppError('FILE_NOT_FOUND', `${modelFile}: the model file is missing (every model folder holds ${MANIFEST_FILE} and ${MODEL_FILE}).`, { file: modelFile });
  return { dir, manifestFile, modelFile, manifest: parsed.data };
}

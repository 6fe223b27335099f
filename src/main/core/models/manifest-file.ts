import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { manifestFileSchema, manifestSchema, type ModelManifest } from '../../../shared/manifest.js';
import { parseJsonFile, readSmallTextFile } from '../files/small-text-file.js';
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
  const manifest = await readManifestFile(manifestFile);
  const info = await stat(modelFile).catch(() => null);
  if (!info?.isFile()) throw new AppError('FILE_NOT_FOUND', `${modelFile}: the model file is missing (every model folder holds ${MANIFEST_FILE} and ${MODEL_FILE}).`, { file: modelFile });
  return { dir, manifestFile, modelFile, manifest };
}

/** A manifest file read, validated and with its labelsFile (if any) resolved beside it. */
export async function readManifestFile(manifestFile: string): Promise<ModelManifest> {
  // `manifest`: the import's name for the file (the contract's manifestPath).
  const json = parseJsonFile(await readSmallTextFile(manifestFile, { what: 'manifest', field: 'manifest' }), manifestFile, 'manifest', 'manifest');
  return parseManifest(json, manifestFile, path.dirname(manifestFile));
}

/**
 * Validates a manifest document (schema, then the rules across fields), reading `labelsFile`
 * relative to `dir`. `source` names the manifest in messages: `<source>: "<field>": <reason>.`
 */
export async function parseManifest(json: unknown, source: string, dir: string): Promise<ModelManifest> {
  const refuse = (field: string, message: string) => new AppError('INVALID_ARGUMENT', `${source}: "${field}": ${message}.`, { file: source, field });
  const document = manifestFileSchema.safeParse(json);
  if (!document.success) {
    const issue = document.error.issues[0];
    throw refuse(issue && issue.path.length > 0 ? issue.path.join('.') : '(manifest)', withFound(issue?.message ?? 'is invalid', json, issue?.path ?? []));
  }
  const { labelsFile, ...rest } = document.data;
  const labels = labelsFile ? await readLabelsFile(path.resolve(dir, labelsFile), refuse) : rest.labels;
  const parsed = manifestSchema.safeParse({ ...rest, labels });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(manifest)';
    throw refuse(labelsFile && field.startsWith('labels') ? 'labelsFile' : field, issue?.message ?? 'is invalid');
  }
  const issue = manifestConsistencyIssues(parsed.data)[0];
  if (issue) throw refuse(issue.field, issue.message);
  return parsed.data;
}

/**
 * zod says what it expected; say what was there too, unless it already did ("received …"), or
 * the value is a class list read from some other file (which may be any text file on the disk).
 */
function withFound(message: string, json: unknown, at: readonly PropertyKey[]): string {
  if (/received|Unrecognized key/.test(message) || at.length === 0 || at[0] === 'labels') return message;
  let value: unknown = json;
  for (const key of at) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const text = JSON.stringify(value) ?? 'nothing';
  return `${message}; found ${text.length > 80 ? `${text.slice(0, 77)}…` : text}`;
}

async function readLabelsFile(file: string, refuse: (field: string, message: string) => AppError): Promise<string[]> {
  const text = await readSmallTextFile(file, { what: 'class list', field: 'labelsFile' }).catch((error: AppError) => {
    throw refuse('labelsFile', error.message);
  });
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

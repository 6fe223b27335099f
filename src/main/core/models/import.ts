/**
 * Importing a model: an ONNX file plus a manifest (a file, or a preset), checked from the
 * cheapest test to the dearest so a wrong file fails in milliseconds whatever its size:
 *
 * 1. the file's protobuf structure, IR and graph inputs/outputs (onnx-file.ts; never loads weights);
 * 2. the manifest: schema, cross-field rules, labels file;
 * 3. the graph against the manifest: names, ranks, fixed and dynamic axes, dtypes, class count,
 *    recurrent state inputs against their outputs;
 * 4. the id is free;
 * 5. one inference on zeros in an inference worker (dry-run.ts);
 * 6. the weights are copied, hashed on the way, into `<import folder>/<first 16 hex of SHA-256>/`
 *    beside the validated manifest (labels inline), through a staging folder renamed into place,
 *    so a scan never sees half a model.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors.js';
import type { ModelManifest } from '../../../shared/manifest.js';
import { readSmallTextFile } from '../files/small-text-file.js';
import { describeGraphIssue, graphIssues } from './consistency.js';
import type { DryRunResult } from '../../../shared/models.js';
import { dryRun } from './dry-run.js';
import { MANIFEST_FILE, MODEL_FILE, parseManifest, readManifestFile } from './manifest-file.js';
import { readOnnxSummary, type OnnxSummary } from './onnx-file.js';
import { presetManifest } from './presets/index.js';

export interface ImportRequest {
  /** The .onnx file. */
  modelFile: string;
  /** A manifest file (its labelsFile is read relative to it)… */
  manifestFile?: string;
  /** …or a preset name (see listPresets); exactly one of the two. */
  preset?: string;
  /** Overrides the manifest's id (with a preset: default the file's name). */
  id?: string;
  /** With a preset: the display name. */
  name?: string;
  /** With a preset: labels of a model trained on other classes, one per line. */
  labelsFile?: string;
}

export interface ImportPlan {
  manifest: ModelManifest;
  onnx: OnnxSummary;
  /** Where the manifest came from, for messages: a file path or `preset <name>`. */
  source: string;
  /** Values a preset took from the graph. */
  adopted: string[];
}

/** Steps 1–3: everything that needs no onnxruntime and no copy. */
export async function planImport(request: ImportRequest): Promise<ImportPlan> {
  if ((request.manifestFile === undefined) === (request.preset === undefined)) {
    throw new AppError('INVALID_ARGUMENT', 'Give a manifest file or a preset (one of the two) with the model.', { field: request.manifestFile ? 'preset' : 'manifest' });
  }
  if (request.preset === undefined && (request.name !== undefined || request.labelsFile !== undefined)) {
    throw new AppError('INVALID_ARGUMENT', 'A name or labels file goes with a preset; with a manifest file, edit the manifest.', { field: request.name !== undefined ? 'name' : 'labelsFile' });
  }
  const modelFile = path.resolve(request.modelFile);
  const info = await stat(modelFile).catch(() => null);
  if (!info) throw new AppError('FILE_NOT_FOUND', `${modelFile}: no such file.`, { file: modelFile, field: 'model' });
  if (!info.isFile()) throw new AppError('NOT_A_FILE', `${modelFile}: not a file.`, { file: modelFile, field: 'model' });
  const onnx = await readOnnxSummary(modelFile);

  let manifest: ModelManifest;
  let source: string;
  let adopted: string[] = [];
  if (request.manifestFile !== undefined) {
    source = path.resolve(request.manifestFile);
    manifest = await readManifestFile(source);
    if (request.id !== undefined) manifest = await parseManifest({ ...manifest, id: request.id }, source, path.dirname(source));
  } else {
    source = `preset ${request.preset}`;
    const labels = request.labelsFile === undefined ? undefined : await readLabels(path.resolve(request.labelsFile));
    const id = request.id ?? defaultId(modelFile);
    const preset = presetManifest(request.preset!, { id, name: request.name, labels, graph: onnx });
    adopted = preset.adopted;
    manifest = await parseManifest(preset.document, source, process.cwd());
  }

  const issues = graphIssues(manifest, onnx);
  if (issues.length > 0) {
    const list = issues.map(describeGraphIssue).join('; ');
    throw new AppError('INVALID_ARGUMENT', `${modelFile} does not match ${source}: ${list}.`, { file: modelFile, field: issues[0]!.field });
  }
  return { manifest, onnx, source, adopted };
}

/** Step 5, in a worker thread. */
export function dryRunPlan(modelFile: string, plan: ImportPlan): Promise<DryRunResult> {
  return dryRun(path.resolve(modelFile), plan.manifest);
}

/** Step 6: the model folder inside `into`; refuses weights already imported. */
export async function copyIntoStore(modelFile: string, manifest: ModelManifest, into: string): Promise<{ dir: string; sha256: string; bytes: number }> {
  const target = path.resolve(into);
  // Owner-only, like the rest of the data folder (see ensurePrivateDataDir).
  await mkdir(target, { recursive: true, mode: 0o700 });
  // Beside the import folder, not in it: a scan of `into` must never find a half-copied model.
  const staging = path.join(path.dirname(target), `.${path.basename(target)}-importing-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(createReadStream(path.resolve(modelFile)), tap, createWriteStream(path.join(staging, MODEL_FILE), { mode: 0o600 }));
    const sha256 = hash.digest('hex');
    await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    const dir = path.join(target, sha256.slice(0, 16));
    const existing = await readManifestFile(path.join(dir, MANIFEST_FILE)).catch(() => null);
    if (existing || (await stat(dir).catch(() => null))) {
      throw new AppError('INVALID_ARGUMENT', `${modelFile}: these weights are already imported${existing ? ` as "${existing.id}"` : ''} (${dir}); remove that model first.`, { file: modelFile, field: 'model' });
    }
    await rename(staging, dir);
    return { dir, sha256, bytes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** File names exporters give every model (torch, mmdeploy): the folder says more. */
const GENERIC_NAMES = new Set(['model', 'end2end', 'export', 'output', 'onnx']);

/** `~/Downloads/R3D_18.onnx` → `r3d_18`, `~/tsm_k400/end2end.onnx` → `tsm_k400`: a valid id from the path. */
export function defaultId(modelFile: string): string {
  const clean = (text: string) => text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  const base = clean(path.basename(modelFile, path.extname(modelFile)));
  const folder = clean(path.basename(path.dirname(path.resolve(modelFile))));
  if (GENERIC_NAMES.has(base) && folder.length > 0) return folder;
  return base.length > 0 ? base : 'imported-model';
}

async function readLabels(file: string): Promise<string[]> {
  const text = await readSmallTextFile(file, { what: 'class list', field: 'labelsFile' });
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

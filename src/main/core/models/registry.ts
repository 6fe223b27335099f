import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelProblem, ModelSummary } from '../../../shared/engine.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { ModelManifest } from '../../../shared/manifest.js';
import type { Store } from '../store/index.js';
import { MANIFEST_FILE, readModelFolder } from './manifest-file.js';

export interface RegisteredModel {
  summary: ModelSummary;
  manifest: ModelManifest;
  manifestFile: string;
  modelFile: string;
}

export interface ModelScan {
  models: RegisteredModel[];
  problems: ModelProblem[];
}

/**
 * The models ActionLens can run: every `<dir>/manifest.json` + `model.onnx` found in the model
 * folders (the defaults shipped with the app, then the user's imported models), validated and
 * registered in the store with the SHA-256 of their weights. A folder given directly may itself
 * be a model folder. When two folders declare the same id, the first one wins and the other is
 * reported as a problem, as is every folder whose manifest is invalid.
 */
export class ModelRegistry {
  readonly #store: Store;
  readonly #dirs: readonly string[];
  #scan: ModelScan | null = null;
  /** Hashing weights is the slow part of a scan; unchanged files keep their hash. */
  readonly #hashes = new Map<string, string>();

  constructor(store: Store, dirs: readonly string[]) {
    this.#store = store;
    this.#dirs = dirs.map((dir) => path.resolve(dir));
  }

  get dirs(): readonly string[] {
    return this.#dirs;
  }

  /** Scans the model folders again and registers what it finds. */
  async refresh(): Promise<ModelScan> {
    const scan: ModelScan = { models: [], problems: [] };
    for (const folder of await this.#candidateFolders()) {
      try {
        const model = await this.#register(folder);
        const first = scan.models.find((m) => m.summary.id === model.summary.id);
        if (first) scan.problems.push({ dir: folder, message: `model id "${model.summary.id}" is already taken by ${first.summary.dir}; this copy is ignored` });
        else scan.models.push(model);
      } catch (error) {
        if (!isAppError(error)) throw error;
        scan.problems.push({ dir: folder, message: error.message });
      }
    }
    this.#scan = scan;
    return scan;
  }

  /** The last scan (scanning once if none was made). */
  async scan(): Promise<ModelScan> {
    return this.#scan ?? (await this.refresh());
  }

  async list(): Promise<ModelSummary[]> {
    return (await this.scan()).models.map((m) => m.summary);
  }

  /** The model with this id; NOT_FOUND lists the ids there are, or why a folder with that id was refused. */
  async get(id: string): Promise<RegisteredModel> {
    const { models, problems } = await this.scan();
    const found = models.find((m) => m.summary.id === id);
    if (found) return found;
    const refused = problems.find((p) => path.basename(p.dir) === id);
    if (refused) throw new AppError('NOT_FOUND', `Model "${id}" cannot be used: ${refused.message}`, { field: 'modelId' });
    const known = models.map((m) => m.summary.id).join(', ') || 'none';
    throw new AppError('NOT_FOUND', `No model "${id}" in ${this.#dirs.join(', ')} (available: ${known}).`, { field: 'modelId' });
  }

  async #candidateFolders(): Promise<string[]> {
    const folders: string[] = [];
    for (const dir of this.#dirs) {
      if (await isFile(path.join(dir, MANIFEST_FILE))) {
        folders.push(dir);
        continue;
      }
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      const subfolders = entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)).sort();
      // Folders without a manifest (a training recipe, test scripts) are not models: skipped silently.
      for (const folder of subfolders) if (await isFile(path.join(folder, MANIFEST_FILE))) folders.push(folder);
    }
    return folders;
  }

  async #register(folder: string): Promise<RegisteredModel> {
    const { manifest, manifestFile, modelFile } = await readModelFolder(folder);
    const sha256 = await this.#hash(modelFile);
    this.#store.models.upsert({
      id: manifest.id,
      family: manifest.family,
      version: manifest.version,
      name: manifest.name,
      manifest,
      path: folder,
      sha256,
      classCount: manifest.labels.length,
    });
    return { summary: summarise(manifest, folder, sha256), manifest, manifestFile, modelFile };
  }

  async #hash(file: string): Promise<string> {
    const info = await stat(file);
    const key = `${file}:${info.size}:${info.mtimeMs}`;
    const known = this.#hashes.get(key);
    if (known) return known;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const digest = hash.digest('hex');
    this.#hashes.set(key, digest);
    return digest;
  }
}

function summarise(m: ModelManifest, dir: string, sha256: string): ModelSummary {
  return {
    id: m.id,
    name: m.name,
    version: m.version,
    family: m.family,
    architecture: m.architecture,
    labels: [...m.labels],
    dir,
    sha256,
    inputWidth: m.preprocess.width,
    inputHeight: m.preprocess.height,
    clip: m.clip ?? null,
  };
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

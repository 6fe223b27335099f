import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelProblem, ModelSummary } from '../../../shared/engine.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { ModelManifest } from '../../../shared/manifest.js';
import type { ModelDetails, ModelImportResult, ModelImportStage, ModelOrigin, RegisteredModel } from '../../../shared/models.js';
import type { Store } from '../store/index.js';
import { copyIntoStore, dryRunPlan, planImport, type ImportRequest } from './import.js';
import { MANIFEST_FILE, readModelFolder } from './manifest-file.js';
import { trainingNote } from './training-note.js';

export interface ModelScan {
  models: RegisteredModel[];
  problems: ModelProblem[];
}

export interface ModelRegistryOptions {
  /** Where imports are copied and from where `remove` may delete: `<data folder>/models`. */
  importDir?: string;
  /** The models shipped with the app: nothing is ever imported into or removed from it. Default: the first model folder. */
  shippedDir?: string;
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

  readonly #importDir: string | null;
  readonly #shippedDir: string | null;

  constructor(store: Store, dirs: readonly string[], options: ModelRegistryOptions = {}) {
    this.#store = store;
    this.#dirs = dirs.map((dir) => path.resolve(dir));
    this.#importDir = options.importDir ? path.resolve(options.importDir) : null;
    const shipped = options.shippedDir ?? dirs[0];
    this.#shippedDir = shipped ? path.resolve(shipped) : null;
  }

  get dirs(): readonly string[] {
    return this.#dirs;
  }

  /** `<data folder>/models`, where imports go; null when this registry imports nothing. */
  get importDir(): string | null {
    return this.#importDir;
  }

  /**
   * Validates the model against its manifest or preset, runs it once on zeros, copies it into
   * the import folder under its content hash and registers it. Throws AppError naming the field,
   * what was expected and what was found; nothing is copied or registered when a check fails.
   * `into` defaults to the registry's importDir and must be one of the folders it scans.
   */
  async import(request: ImportRequest, into = this.#importDir, onStage: (stage: ModelImportStage) => void = () => undefined): Promise<ModelImportResult> {
    const target = this.#importTarget(into);
    await this.#assertNotShipped(target, `Cannot import into ${target}`);
    onStage('checking');
    const plan = await planImport(request);
    const taken = (await this.refresh()).models.find((m) => m.summary.id === plan.manifest.id);
    if (taken) throw new AppError('INVALID_ARGUMENT', `id: expected an id no model has, found "${plan.manifest.id}", already taken by ${taken.summary.dir}; choose another id.`, { field: 'id' });
    onStage('dry-run');
    const dryRun = await dryRunPlan(request.modelFile, plan);
    onStage('copying');
    const { dir, bytes } = await copyIntoStore(request.modelFile, plan.manifest, target);
    onStage('registering');
    const { models, problems } = await this.refresh();
    const model = models.find((m) => m.summary.dir === dir);
    if (!model) {
      await rm(dir, { recursive: true, force: true });
      const problem = problems.find((p) => p.dir === dir);
      throw new AppError('INTERNAL', `The imported copy in ${dir} could not be registered: ${problem?.message ?? 'the scan did not find it'}.`);
    }
    return { model: model.summary, dir, bytes, adopted: plan.adopted, dryRun };
  }

  /**
   * Unregisters an imported model and deletes its folder. Refuses models outside the import
   * folder (defaults, ACTIONLENS_MODEL_PATH) and models whose runs are stored (the store keeps
   * them; their results would lose their meaning): then nothing is deleted.
   */
  async remove(id: string, from = this.#importDir): Promise<{ id: string; dir: string }> {
    const target = this.#importTarget(from);
    const model = await this.get(id);
    const dir = model.summary.dir;
    // [Note: compared as real paths, so neither a symlinked folder in the import folder nor an import
    // folder that is a link into the shipped models can make `rm` reach outside the import folder; and
    // an import folder that is the shipped one (a data folder derived from a database kept beside a
    // checkout's models/) still never lets a shipped model go.]
    const notImported = (found: string) => new AppError('INVALID_ARGUMENT', `Model "${id}" is not an imported model: expected it in ${target}, found it in ${found}; only imported models are removed.`, { field: 'id' });
    if (path.dirname(dir) !== target) throw notImported(dir);
    const [realDir, realTarget] = await Promise.all([realpath(dir), realpath(target)]);
    if (path.dirname(realDir) !== realTarget) throw notImported(realDir);
    await this.#assertNotShipped(realDir, `Model "${id}" cannot be removed`);
    try {
      this.#store.models.remove(id);
    } catch (error) {
      if (isAppError(error, 'DB_ERROR')) throw new AppError('INVALID_ARGUMENT', `Model "${id}" cannot be removed: stored runs still use it; delete those runs first. (${error.message})`, { field: 'id', cause: error });
      throw error;
    }
    await rm(dir, { recursive: true, force: true });
    await this.refresh();
    return { id, dir };
  }

  /** A model with its origin (imported: its folder is in `importDir`) and weights size. */
  async show(id: string, importDir = this.#importDir): Promise<ModelDetails> {
    const model = await this.get(id);
    const parent = path.dirname(model.summary.dir);
    const defaults = this.#dirs[0];
    const origin: ModelOrigin = importDir !== null && parent === path.resolve(importDir) ? 'imported' : model.summary.dir === defaults || parent === defaults ? 'default' : 'path';
    const { size } = await stat(model.modelFile);
    return { ...model, origin, bytes: size };
  }

  /** Refuses `dir` when it is, or is inside, the shipped models folder (compared as real paths). */
  async #assertNotShipped(dir: string, what: string): Promise<void> {
    if (this.#shippedDir === null) return;
    const real = async (p: string) => realpath(p).catch(() => path.resolve(p));
    const [shipped, candidate] = await Promise.all([real(this.#shippedDir), real(dir)]);
    const relative = path.relative(shipped, candidate);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
      throw new AppError('INVALID_ARGUMENT', `${what}: ${candidate} is in the models shipped with ActionLens (${shipped}), which are never changed. Set ACTIONLENS_DATA_DIR to a data folder of your own.`, { field: 'id' });
    }
  }

  #importTarget(into: string | null): string {
    if (into === null) throw new AppError('INVALID_ARGUMENT', 'No import folder: this registry was opened without one.', { field: 'into' });
    const target = path.resolve(into);
    if (!this.#dirs.includes(target)) throw new AppError('INVALID_ARGUMENT', `into: expected one of the model folders (${this.#dirs.join(', ')}), found ${target}.`, { field: 'into' });
    return target;
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
    return { summary: summarise(manifest, folder, sha256, await trainingNote(folder, manifest)), manifest, manifestFile, modelFile };
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

function summarise(m: ModelManifest, dir: string, sha256: string, trainedOn: string | null): ModelSummary {
  return {
    id: m.id,
    name: m.name,
    version: m.version,
    family: m.family,
    architecture: m.architecture,
    labels: [...m.labels],
    dir,
    sha256,
    input: m.inputs.keypoints ? 'keypoints' : 'frames',
    inputWidth: m.preprocess?.width ?? 0,
    inputHeight: m.preprocess?.height ?? 0,
    trainedOn,
    clip: m.clip ?? null,
  };
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

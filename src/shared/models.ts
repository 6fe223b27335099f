/**
 * The model registry's types that cross the contract: import stages and results, a model's
 * details and the presets. The core (src/main/core/models) produces them; CLI and renderer show them.
 */
import type { ModelSummary } from './engine.js';
import type { ModelManifest } from './manifest.js';

/** Import stages in order: file/manifest/graph checks, one inference on zeros (seconds for big models), the copy, registration. */
export const MODEL_IMPORT_STAGES = ['checking', 'dry-run', 'copying', 'registering'] as const;
export type ModelImportStage = (typeof MODEL_IMPORT_STAGES)[number];

/** Where a model comes from: shipped with the app, imported by the user, or found on ACTIONLENS_MODEL_PATH. */
export type ModelOrigin = 'default' | 'imported' | 'path';

/** The inference on zeros before an import: dims fed and returned, and how long it took. */
export interface DryRunResult {
  provider: string;
  /** Input name → dims fed. */
  inputs: Record<string, number[]>;
  /** Output name → dims returned. */
  outputs: Record<string, number[]>;
  ms: number;
}

/** What `models.import` reports. */
export interface ModelImportResult {
  model: ModelSummary;
  /** The folder the model was copied to. */
  dir: string;
  bytes: number;
  /** Values a preset took from the graph (its input name, a clip length the graph fixes…). */
  adopted: string[];
  dryRun: DryRunResult;
}

/** A model the registry found, with its validated manifest. */
export interface RegisteredModel {
  summary: ModelSummary;
  manifest: ModelManifest;
  manifestFile: string;
  modelFile: string;
}

/** One model with its validated manifest, origin and weights size (`models.show`). */
export interface ModelDetails extends RegisteredModel {
  origin: ModelOrigin;
  bytes: number;
}

/** A preset `models.import` knows. */
export interface ModelPreset {
  name: string;
  description: string;
  source: string;
  /** The source's documented preprocessing and evaluation settings, quoted. */
  documented: string;
  labelSet: string;
  labelCount: number;
  /** A partial manifest (no schemaVersion, id, name, version, labels). */
  manifest: Record<string, unknown>;
}

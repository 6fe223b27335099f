/** The model registry: which models exist, validated against their manifests and registered in the store. */
export { ModelRegistry, type ModelRegistryOptions, type ModelScan } from './registry.js';
// Declared in src/shared/models.ts (it crosses the contract inside ModelDetails); re-exported for the engine's imports.
export type { RegisteredModel } from '../../../shared/models.js';
export { defaultId, type ImportRequest } from './import.js';
export { readOnnxSummary, MAX_ONNX_BYTES, type OnnxSummary } from './onnx-file.js';
export { dryRunFeeds } from './dry-run.js';
export { DEFAULT_BATCH_SIZE, DEFAULT_CHUNK_FRAMES, recurrentChunkFrames } from './feed-geometry.js';
export { listPresets, presetManifest, PRESET_NAMES } from './presets/index.js';
export { parseManifest, readManifestFile, readModelFolder, MANIFEST_FILE, MODEL_FILE, type ModelFolder } from './manifest-file.js';
export { describeGraphIssue, graphIssues, graphMismatches, manifestConsistencyIssues, FAMILY_LAYOUTS, type GraphIssue, type ManifestIssue } from './consistency.js';
export { DEFAULT_MODEL_ID, defaultModelDirs, MODEL_PATH_ENV, REPO_MODELS_DIR } from './dirs.js';

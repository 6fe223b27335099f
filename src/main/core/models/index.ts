/** The model registry: which models exist, validated against their manifests and registered in the store. */
export { ModelRegistry, type ModelScan, type RegisteredModel } from './registry.js';
export { readModelFolder, MANIFEST_FILE, MODEL_FILE, type ModelFolder } from './manifest-file.js';
export { graphMismatches, manifestConsistencyIssues, FAMILY_LAYOUTS, type ManifestIssue } from './consistency.js';
export { DEFAULT_MODEL_ID, defaultModelDirs, MODEL_PATH_ENV, REPO_MODELS_DIR } from './dirs.js';

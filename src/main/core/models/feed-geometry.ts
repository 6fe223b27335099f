/**
 * The geometry of the feeds the engine builds for a model, where the manifest leaves it open:
 * used by the analysis strategies (which build the real feeds) and by the import's dry run (which
 * builds one sample of zeros the same way), so both agree without the model layer importing the
 * engine.
 */
import type { ModelManifest } from '../../../shared/manifest.js';

/** Samples per inference where a model's batch axis is dynamic. */
export const DEFAULT_BATCH_SIZE = 8;
/** Frames per chunk where a recurrent model's time axis is dynamic. */
export const DEFAULT_CHUNK_FRAMES = 16;

/** A recurrent model's frames per chunk: its fixed time axis (RGB or keypoints), else `fallback` (the run's chunk setting). */
export function recurrentChunkFrames(manifest: ModelManifest, fallback = DEFAULT_CHUNK_FRAMES): number {
  const time = (manifest.inputs.rgb ?? manifest.inputs.keypoints)?.shape[1];
  return typeof time === 'number' ? time : fallback;
}

import type { ModelManifest } from '../../../../shared/manifest.js';
import { FlowWorker } from '../../../../workers/flow/index.js';

export type FlowSpec = NonNullable<ModelManifest['flow']>;

/**
 * Dense optical flow between two frames, as two-stream models need it. The engine depends only
 * on this interface; `openFarnebackFlow` is the real one.
 */
export interface FlowComputer {
  /**
   * Flow from `previousRgb` to `nextRgb` (RGB24 at the manifest's flow size): planar, the x plane
   * then the y plane, each clipped to ±bound pixels and divided by bound.
   */
  compute(previousRgb: Uint8Array, nextRgb: Uint8Array): Promise<Float32Array>;
  close(): Promise<void>;
}

/**
 * Farneback flow from src/workers/flow (OpenCV.js in its own worker thread, the same algorithm
 * and parameters as the training recipe), one request per frame pair; the worker answers in
 * order while decoding and inference go on.
 */
export async function openFarnebackFlow(spec: FlowSpec): Promise<FlowComputer> {
  const worker = await FlowWorker.start(spec);
  return {
    compute: (previousRgb, nextRgb) => worker.flows([previousRgb, nextRgb], spec.width, spec.height),
    close: () => worker.close(),
  };
}

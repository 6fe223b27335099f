/**
 * Dense optical flow for two-stream models: OpenCV's Farneback on grey frames, exactly as
 * models/training/flow_reference.py computes it with python3-opencv for training.
 *
 * Per pair: RGB24 → grey with cv.cvtColor(COLOR_RGB2GRAY) (OpenCV's fixed-point
 * 0.299 R + 0.587 G + 0.114 B, identical in both bindings), then
 * calcOpticalFlowFarneback(prev, next, flags 0) with the manifest's parameters, then each
 * component clipped to ±bound pixels and divided by bound, into [−1, 1].
 *
 * Output layout, planar: [x plane, y plane], each height × width row-major, so pair l of a window
 * goes to channels 2l and 2l + 1 of the model's flow input with one `set`.
 * Frames must already be the manifest's flow size: the media core decodes them there with the same
 * ffmpeg scaler the training data goes through, rather than a second resize here.
 */
import { AppError } from '../../shared/errors.js';
import type { ModelManifest } from '../../shared/manifest.js';
import { loadOpenCv, openCvErrorMessage, type CvMat, type OpenCv } from './opencv.js';

export type FlowParams = NonNullable<ModelManifest['flow']>;

/**
 * Defaults for the two-stream model (models/training/flow_reference.py says why, with the
 * measurements): 112×112 grey frames, OpenCV's sample parameters, bound 10 px.
 */
export const DEFAULT_FLOW: FlowParams = {
  algorithm: 'farneback',
  pairs: 5,
  width: 112,
  height: 112,
  params: { pyrScale: 0.5, levels: 3, winsize: 15, iterations: 3, polyN: 5, polySigma: 1.2 },
  bound: 10,
};

export interface FlowComputer {
  readonly params: FlowParams;
  /** Flow from prevRgb to nextRgb (RGB24, width × height × 3 bytes): planar x then y, in [−1, 1]. */
  flow(prevRgb: Uint8Array, nextRgb: Uint8Array, width: number, height: number): Float32Array;
  /** The grey frame the flow is computed on (for checks against other implementations). */
  grey(rgb: Uint8Array, width: number, height: number): Uint8Array;
  /** Frees the WebAssembly memory; the computer cannot be used afterwards. */
  dispose(): void;
}

export async function createFlowComputer(params: ModelManifest['flow']): Promise<FlowComputer> {
  const checked = checkParams(params);
  const cv = await loadOpenCv();
  return new FarnebackComputer(cv, checked);
}

class FarnebackComputer implements FlowComputer {
  readonly params: FlowParams;
  readonly #cv: OpenCv;
  // Allocated once at the flow size and reused: a pair then allocates only its output array.
  #mats: { rgb: CvMat; prevGrey: CvMat; nextGrey: CvMat; flow: CvMat } | null;

  constructor(cv: OpenCv, params: FlowParams) {
    this.#cv = cv;
    this.params = params;
    const { width, height } = params;
    this.#mats = {
      rgb: new cv.Mat(height, width, cv.CV_8UC3),
      prevGrey: new cv.Mat(height, width, cv.CV_8UC1),
      nextGrey: new cv.Mat(height, width, cv.CV_8UC1),
      flow: new cv.Mat(height, width, cv.CV_32FC2),
    };
  }

  flow(prevRgb: Uint8Array, nextRgb: Uint8Array, width: number, height: number): Float32Array {
    const mats = this.#use(width, height, prevRgb, nextRgb);
    const { pyrScale, levels, winsize, iterations, polyN, polySigma } = this.params.params;
    this.#run(() => {
      this.#toGrey(prevRgb, mats.prevGrey);
      this.#toGrey(nextRgb, mats.nextGrey);
      this.#cv.calcOpticalFlowFarneback(mats.prevGrey, mats.nextGrey, mats.flow, pyrScale, levels, winsize, iterations, polyN, polySigma, 0);
    });
    return toPlanarBounded(mats.flow.data32F, width * height, this.params.bound);
  }

  grey(rgb: Uint8Array, width: number, height: number): Uint8Array {
    const mats = this.#use(width, height, rgb);
    this.#run(() => this.#toGrey(rgb, mats.prevGrey));
    return mats.prevGrey.data.slice();
  }

  dispose(): void {
    if (!this.#mats) return;
    for (const mat of Object.values(this.#mats)) mat.delete();
    this.#mats = null;
  }

  #toGrey(rgb: Uint8Array, into: CvMat): void {
    this.#mats!.rgb.data.set(rgb);
    this.#cv.cvtColor(this.#mats!.rgb, into, this.#cv.COLOR_RGB2GRAY);
  }

  #use(width: number, height: number, ...frames: Uint8Array[]) {
    if (!this.#mats) throw new AppError('INVALID_ARGUMENT', 'This flow computer has been disposed.');
    if (width !== this.params.width || height !== this.params.height) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `Frames are ${width}x${height} but flow is computed at ${this.params.width}x${this.params.height}: decode them at the flow size.`,
        { field: 'width' },
      );
    }
    for (const frame of frames) {
      if (frame.length !== width * height * 3) {
        throw new AppError('INVALID_ARGUMENT', `An RGB24 frame of ${width}x${height} has ${width * height * 3} bytes, got ${frame.length}.`, { field: 'frames' });
      }
    }
    return this.#mats;
  }

  #run(work: () => void): void {
    try {
      work();
    } catch (error) {
      throw new AppError('INTERNAL', `OpenCV failed: ${openCvErrorMessage(this.#cv, error)}`);
    }
  }
}

/** Interleaved (x, y) pixels → planar [x…, y…], clipped to ±bound and divided by it. */
function toPlanarBounded(interleaved: Float32Array, pixels: number, bound: number): Float32Array {
  const out = new Float32Array(2 * pixels);
  // A float32 scale makes each product round exactly like numpy's float32 multiply in the Python reference.
  const scale = Math.fround(1 / bound);
  for (let i = 0; i < pixels; i++) {
    const x = interleaved[2 * i]!;
    const y = interleaved[2 * i + 1]!;
    out[i] = (x > bound ? bound : x < -bound ? -bound : x) * scale;
    out[pixels + i] = (y > bound ? bound : y < -bound ? -bound : y) * scale;
  }
  return out;
}

function checkParams(flow: ModelManifest['flow']): FlowParams {
  const invalid = (message: string, field: string) => new AppError('INVALID_ARGUMENT', message, { field: `flow.${field}` });
  if (!flow) throw invalid('The model has no flow parameters (a two-stream manifest needs "flow").', 'algorithm');
  const { params, width, height, bound } = flow;
  if (flow.algorithm !== 'farneback') throw invalid(`Unsupported flow algorithm "${String(flow.algorithm)}".`, 'algorithm');
  if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height))) throw invalid(`Invalid flow size ${width}x${height}.`, 'width');
  if (!(bound > 0)) throw invalid(`bound must be positive, got ${bound}.`, 'bound');
  if (!(params.pyrScale > 0 && params.pyrScale < 1)) throw invalid(`pyrScale must be in (0, 1), got ${params.pyrScale}.`, 'params.pyrScale');
  // levels counts the pyramid layers above the frame itself (0: the frame alone), as in OpenCV.
  if (!(Number.isInteger(params.levels) && params.levels >= 0)) throw invalid(`levels must be an integer ≥ 0, got ${params.levels}.`, 'params.levels');
  for (const key of ['winsize', 'iterations', 'polyN'] as const) {
    if (!(Number.isInteger(params[key]) && params[key] >= 1)) throw invalid(`${key} must be a positive integer, got ${params[key]}.`, `params.${key}`);
  }
  if (!(params.polySigma > 0)) throw invalid(`polySigma must be positive, got ${params.polySigma}.`, 'params.polySigma');
  return flow;
}

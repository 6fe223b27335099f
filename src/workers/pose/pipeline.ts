/**
 * One pose estimator's work on one frame, in the pose worker: the detector (MultiPose) when the
 * tracker asks for it, then the refiner (Lightning or Thunder) on each live track's crop.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ExecutionProvider } from '../../shared/analysis.js';
import { AppError } from '../../shared/errors.js';
import type { PoseFrame, PoseSettings } from '../../shared/pose.js';
import { createSession } from '../common/onnx-session.js';
import { cropResize } from './image.js';
import { decodeDetections, decodeKeypoints, DETECTOR_FILE, DETECTOR_SLOTS, detectionTiles, REFINER_FILES, wholeFrame, type Detection, type PoseModelFile } from './models.js';
import { PoseTracker, type TrackerState } from './tracker.js';

export interface RgbFrame {
  frame: number;
  time: number;
  width: number;
  height: number;
  rgb: Uint8Array;
}

interface LoadedModel {
  session: ort.InferenceSession;
  size: number;
  input: Int32Array;
}

export class PosePipeline {
  readonly #detector: LoadedModel;
  readonly #refiner: LoadedModel;
  readonly #settings: PoseSettings;
  #tracker: PoseTracker;
  readonly provider: string;
  readonly notices: string[];

  private constructor(detector: LoadedModel, refiner: LoadedModel, settings: PoseSettings, provider: string, notices: string[]) {
    this.#detector = detector;
    this.#refiner = refiner;
    this.#settings = settings;
    this.#tracker = new PoseTracker(settings);
    this.provider = provider;
    this.notices = notices;
  }

  static async load(modelsDir: string, settings: PoseSettings, provider: ExecutionProvider): Promise<PosePipeline> {
    const refinerFile = REFINER_FILES[settings.model];
    if (!refinerFile) throw new AppError('INVALID_ARGUMENT', `Unknown pose model "${String(settings.model)}" (lightning or thunder).`, { field: 'model' });
    const detector = await loadModel(modelsDir, DETECTOR_FILE, provider);
    try {
      const refiner = await loadModel(modelsDir, refinerFile, provider);
      return new PosePipeline(detector.model, refiner.model, settings, detector.provider, [...new Set([...detector.notices, ...refiner.notices])]);
    } catch (error) {
      await detector.model.session.release();
      throw error;
    }
  }

  async estimate(frame: RgbFrame): Promise<PoseFrame> {
    const { width, height, rgb } = frame;
    if (!(width > 0 && height > 0) || rgb.length !== width * height * 3) {
      throw new AppError('INVALID_ARGUMENT', `Frame ${frame.frame}: ${rgb.length} bytes is not ${width} × ${height} RGB24.`, { field: 'rgb' });
    }
    // [Note: crop floor] a crop never gets smaller than 5% of the frame, so a track shrinking onto one limb recovers.
    const minCropSide = 0.05 * Math.max(width, height);
    if (this.#tracker.needsDetection()) this.#tracker.associate(await this.#detect(frame), minCropSide);
    for (const track of this.#tracker.liveTracks()) {
      cropResize(rgb, width, height, track.crop, this.#refiner.size, this.#refiner.input);
      const output = await run(this.#refiner);
      this.#tracker.applyRefinement(track, decodeKeypoints(output, track.crop), frame, minCropSide);
    }
    return { frame: frame.frame, time: frame.time, people: this.#tracker.endFrame(frame.time) };
  }

  /**
   * People on the whole (letterboxed) frame; when more people may be tracked than one pass finds,
   * also on four overlapping tiles, where small people are twice as large.
   */
  async #detect(frame: RgbFrame): Promise<Detection[]> {
    const regions = [wholeFrame(frame.width, frame.height)];
    if (this.#settings.maxPeople > DETECTOR_SLOTS) regions.push(...detectionTiles(frame.width, frame.height));
    const found: Detection[] = [];
    for (const region of regions) {
      cropResize(frame.rgb, frame.width, frame.height, region, this.#detector.size, this.#detector.input);
      found.push(...decodeDetections(await run(this.#detector), region, this.#settings.minPersonScore));
    }
    return found;
  }

  snapshot(): TrackerState {
    return this.#tracker.snapshot();
  }

  restore(state: TrackerState | null): void {
    this.#tracker = new PoseTracker(this.#settings, state ?? undefined);
  }

  async close(): Promise<void> {
    await this.#detector.session.release();
    await this.#refiner.session.release();
  }
}

async function run(model: LoadedModel): Promise<Float32Array> {
  const feeds = { input: new ort.Tensor('int32', model.input, [1, model.size, model.size, 3]) };
  const results = await model.session.run(feeds);
  return results.output!.data as Float32Array;
}

async function loadModel(modelsDir: string, spec: PoseModelFile, provider: ExecutionProvider): Promise<{ model: LoadedModel; provider: string; notices: string[] }> {
  const file = path.join(modelsDir, spec.file);
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `The pose model ${file} is missing (it ships in models/pose; rebuild it with \`bash models/pose/convert.sh\`).`, { file });
  // [Note: one thread per session] the worker runs one model at a time, beside the decoder; a second
  // intra-op thread buys little for these small graphs on two shared cores.
  const loaded = await createSession(file, provider, { intraOp: 1, interOp: 1 });
  const input = loaded.session.inputNames[0];
  const output = loaded.session.outputNames[0];
  if (input !== 'input' || output !== 'output') {
    await loaded.session.release();
    throw new AppError('INVALID_ARGUMENT', `The pose model ${file} is not a converted MoveNet model (its input/output are "${input}"/"${output}").`, { file });
  }
  return { model: { session: loaded.session, size: spec.size, input: new Int32Array(spec.size * spec.size * 3) }, provider: loaded.provider, notices: loaded.notices };
}

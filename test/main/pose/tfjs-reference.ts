/**
 * The TFJS originals, run as their authors ship them (tfjs-converter's graph model on the wasm
 * backend), to check the converted ONNX files against. Test-only: the app never loads TFJS.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let backendReady: Promise<void> | null = null;

/** Selects the wasm backend once (its .wasm files are read from node_modules). */
export function useWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    const dist = path.join(path.dirname(require_resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
    setWasmPaths(dist);
    await tf.setBackend('wasm');
    await tf.ready();
  })();
  return backendReady;
}

function require_resolve(id: string): string {
  return import.meta.resolve(id).replace(/^file:\/\//, '');
}

interface ModelJson {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** Loads `<folder>/<name>.json` and its weight shards through an in-memory IOHandler. */
export async function loadTfjsModel(modelJson: string): Promise<GraphModel> {
  await useWasmBackend();
  const json = JSON.parse(readFileSync(modelJson, 'utf8')) as ModelJson;
  const folder = path.dirname(modelJson);
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(path.join(folder, p))));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const handler: tf.io.IOHandler = {
    load: async () => ({ modelTopology: json.modelTopology as object, weightSpecs, weightData, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy }),
  };
  return loadGraphModel(handler);
}

/** Runs the model on one int32 NHWC image and returns its single output's values. */
export async function runTfjs(model: GraphModel, image: Int32Array, height: number, width: number): Promise<Float32Array> {
  const input = tf.tensor4d(image, [1, height, width, 3], 'int32');
  try {
    const output = model.execute(input) as tf.Tensor;
    const values = (await output.data()) as Float32Array;
    output.dispose();
    return values;
  } finally {
    input.dispose();
  }
}

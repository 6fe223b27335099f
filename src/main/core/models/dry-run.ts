/**
 * One inference on zeros, in an inference worker like the engine's, before a model is imported:
 * it must load in onnxruntime, agree with its manifest as onnxruntime sees it, accept the input
 * the engine will build for it and return one finite row per sample (rows that are
 * probabilities when the manifest says so).
 */
import { availableParallelism } from 'node:os';
import { AppError } from '../../../shared/errors.js';
import { rgbParts, type ModelManifest } from '../../../shared/manifest.js';
import type { DryRunResult } from '../../../shared/models.js';
import { InferenceWorker } from '../../../workers/inference/client.js';
import type { WireTensor } from '../../../workers/inference/protocol.js';
import { describeGraphIssue, graphIssues } from './consistency.js';
import { recurrentChunkFrames } from './feed-geometry.js';

/** Dims of one sample for each declared input, as the engine's strategies build them (batch 1). */
export function dryRunFeeds(m: ModelManifest): Record<string, WireTensor> {
  const zeros = (dims: number[]): WireTensor => ({ data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims });
  const feeds: Record<string, WireTensor> = {};
  for (const state of m.inputs.state ?? []) feeds[state.input] = zeros([...state.shape]);
  const { keypoints, fps } = m.inputs;
  if (keypoints) {
    // As the keypoint strategy feeds it: one sample (a recurrent chunk, a clip's window), 17 × 3.
    const time = m.family === 'recurrent' ? recurrentChunkFrames(m) : (m.clip?.length ?? 1);
    const batch = typeof keypoints.shape[0] === 'number' ? keypoints.shape[0] : 1;
    feeds[keypoints.name] = zeros(keypoints.layout === 'NTVC' ? [batch, time, 17, 3] : [batch, 17, 3]);
    if (fps) feeds[fps.name] = { data: new Float32Array(typeof fps.shape[0] === 'number' ? fps.shape[0] : batch).fill(30), dims: [typeof fps.shape[0] === 'number' ? fps.shape[0] : batch] };
    return feeds;
  }
  const { rgb, preprocess } = rgbParts(m);
  const { flow } = m.inputs;
  const time = m.family === 'recurrent' ? recurrentChunkFrames(m) : (m.clip?.length ?? 1);
  const sizes: Record<string, number> = { N: 1, C: 3, H: preprocess.height, W: preprocess.width, T: time, S: m.family === 'clip' ? time : 1, M: 1 };
  const batch = typeof rgb.shape[0] === 'number' ? rgb.shape[0] : 1;
  feeds[rgb.name] = zeros([...rgb.layout].map((axis, i) => (i === 0 ? batch : sizes[axis]!)));
  if (flow && m.flow) feeds[flow.name] = zeros([batch, 2 * m.flow.pairs, m.flow.height, m.flow.width]);
  return feeds;
}

export async function dryRun(modelFile: string, m: ModelManifest): Promise<DryRunResult> {
  const refuse = (field: string, message: string) => new AppError('INVALID_ARGUMENT', `${modelFile}: dry run on zeros: ${message}.`, { file: modelFile, field });
  const { worker, model } = await InferenceWorker.start(modelFile, 'cpu', { intraOp: Math.min(4, availableParallelism()), interOp: 1 });
  try {
    const issues = graphIssues(m, model);
    if (issues.length > 0) throw refuse(issues[0]!.field, `onnxruntime sees a graph that does not match the manifest: ${issues.map(describeGraphIssue).join('; ')}`);
    const feeds = dryRunFeeds(m);
    const inputs = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, [...t.dims]]));
    const fetch = [m.output.name, ...(m.inputs.state ?? []).map((s) => s.output)];
    const started = performance.now();
    const result = await worker.run(feeds, fetch).catch((error: Error) => {
      throw refuse(m.inputs.keypoints ? 'inputs.keypoints.shape' : 'inputs.rgb.shape', `the model refused the input the engine builds from the manifest (${Object.entries(inputs).map(([n, d]) => `${n} [${d.join(', ')}]`).join(', ')}): ${error.message}`);
    });
    const ms = performance.now() - started;
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, t]) => [name, [...t.dims]]));
    const out = result.outputs[m.output.name]!;
    const classes = m.labels.length;
    const mainDims = feeds[(m.inputs.keypoints ?? m.inputs.rgb)!.name]!.dims;
    const rows = m.family === 'recurrent' ? mainDims[0]! * mainDims[1]! : mainDims[0]!;
    if (out.data.length !== rows * classes) throw refuse('labels', `expected ${rows} row(s) × ${classes} classes from output "${m.output.name}", found [${out.dims.join(', ')}]`);
    const bad = out.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw refuse('output.name', `expected finite values in output "${m.output.name}", found ${out.data[bad]} at index ${bad}`);
    if (m.output.kind === 'probabilities') checkProbabilities(out.data, classes, (message) => refuse('output.kind', message));
    return { provider: model.provider, inputs, outputs, ms };
  } finally {
    await worker.close();
  }
}

function checkProbabilities(values: Float32Array, classes: number, refuse: (message: string) => AppError): void {
  for (let row = 0; row < values.length; row += classes) {
    const slice = values.subarray(row, row + classes);
    const sum = slice.reduce((a, b) => a + b, 0);
    const outside = slice.find((v) => v < -1e-4 || v > 1 + 1e-4);
    if (outside !== undefined || Math.abs(sum - 1) > 1e-3) {
      throw refuse(`expected probabilities (each row in [0, 1], summing to 1), found a row summing to ${sum.toFixed(4)}${outside !== undefined ? ` with a value ${outside.toFixed(4)}` : ''}: if the model returns logits, set output.kind to "logits"`);
    }
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors.js';
import { InferenceWorker, runningInferenceWorkers } from '../../../src/workers/inference/client.js';
import { conciseProviderError, providerCandidates } from '../../../src/workers/common/providers.js';
import { FIXTURE_MODEL_IDS, fixtureModelFile, fixtureReference, patterned } from './fixtures.js';

const ONE_THREAD = { intraOp: 1, interOp: 1 };
// make_test_models.py scales the recurrent reference's initial state so that it is not zero.
const STATE_SCALE: Record<string, number> = { h0: 0.5, c0: 0.25 };

afterEach(() => {
  expect(runningInferenceWorkers()).toBe(0);
});

describe('inference worker', () => {
  it.each(FIXTURE_MODEL_IDS)('%s: onnxruntime-node in a worker computes what PyTorch computed', async (id) => {
    const reference = fixtureReference(id);
    const { worker, model } = await InferenceWorker.start(fixtureModelFile(id), 'cpu', ONE_THREAD);
    try {
      expect(model.provider).toBe('cpu');
      expect(model.threads).toEqual(ONE_THREAD);
      const feeds = Object.fromEntries(
        Object.entries(reference.inputs).map(([name, dims]) => [name, { data: patterned(dims).map((v) => v * (STATE_SCALE[name] ?? 1)), dims }]),
      );
      const sizes = Object.values(feeds).map((f) => f.data.length);
      const result = await worker.run(feeds, Object.keys(reference.outputs));
      for (const [name, expected] of Object.entries(reference.outputs)) {
        expect(result.outputs[name]!.dims).toEqual(expected.dims);
        const got = [...result.outputs[name]!.data];
        got.forEach((value, i) => expect(Math.abs(value - expected.data[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected.data[i]!))));
      }
      // The feeds went to the worker by transfer and came back whole, for reuse.
      expect(Object.values(feeds).every((f) => f.data.length === 0)).toBe(true);
      expect(result.returned.map((r) => r.length)).toEqual(sizes);
    } finally {
      await worker.close();
    }
  });

  it('reports the graph as the manifest check needs it', async () => {
    const { worker, model } = await InferenceWorker.start(fixtureModelFile('test-recurrent'), 'cpu', ONE_THREAD);
    await worker.close();
    expect(model.inputs.map((i) => [i.name, i.shape])).toEqual([
      ['rgb', [1, 'T', 3, 32, 32]],
      ['h0', [1, 1, 16]],
      ['c0', [1, 1, 16]],
    ]);
    expect(model.outputs.map((o) => o.name)).toEqual(['logits', 'hn', 'cn']);
  });

  it('webgpu that cannot start here falls back to cpu with a notice saying why', async () => {
    const { worker, model } = await InferenceWorker.start(fixtureModelFile('test-frame'), 'webgpu', ONE_THREAD);
    await worker.close();
    // Where a WebGPU adapter exists the session starts on it; this machine has none.
    if (model.provider === 'webgpu') return;
    expect(model.provider).toBe('cpu');
    expect(model.notices).toHaveLength(1);
    expect(model.notices[0]).toMatch(/^provider webgpu: webgpu could not start \(.+\); using cpu instead$/);
  });

  it('auto ends on cpu when no GPU provider can start, and says which were tried', async () => {
    const { worker, model } = await InferenceWorker.start(fixtureModelFile('test-frame'), 'auto', { intraOp: 2, interOp: 1 });
    await worker.close();
    expect(model.threads).toEqual({ intraOp: 2, interOp: 1 });
    if (model.provider !== 'cpu') return; // a machine with CUDA installed
    const tried = providerCandidates('auto', process.platform, process.arch).filter((p) => p !== 'cpu');
    // Here (no CUDA libraries, the default install) the notice says so and where to read more, not the loader's error.
    if (tried.length > 0) expect(model.notices[0]).toMatch(new RegExp(`^provider auto: ${tried[0]} (is not installed \\(see the README's GPU section\\)|could not start \\(.+\\)); using cpu instead$`));
  });

  it('a file that is not a model fails to load as an AppError naming it, and the worker goes', async () => {
    const error = await InferenceWorker.start(import.meta.filename, 'cpu', ONE_THREAD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', file: import.meta.filename });
    expect((error as Error).message).toContain('Cannot load the model');
  });

  it('an input the graph refuses comes back as an AppError with the shapes, and the worker stays usable', async () => {
    const { worker } = await InferenceWorker.start(fixtureModelFile('test-frame'), 'cpu', ONE_THREAD);
    try {
      const wrong = await worker.run({ rgb: { data: new Float32Array(3 * 16 * 16), dims: [1, 3, 16, 16] } }, ['logits']).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(AppError);
      expect((wrong as Error).message).toContain('rgb [1, 3, 16, 16]');
      const right = await worker.run({ rgb: { data: new Float32Array(3 * 32 * 32), dims: [1, 3, 32, 32] } }, ['logits']);
      expect(right.outputs.logits!.dims).toEqual([1, 11]);
    } finally {
      await worker.close();
    }
  });
});

describe('inference worker misuse', () => {
  it('a feed whose buffer was already transferred is refused at once, not lost', async () => {
    const { worker } = await InferenceWorker.start(fixtureModelFile('test-frame'), 'cpu', ONE_THREAD);
    try {
      const data = new Float32Array(3 * 32 * 32);
      await worker.run({ rgb: { data, dims: [1, 3, 32, 32] } }, ['logits']);
      await expect(worker.run({ rgb: { data, dims: [1, 3, 32, 32] } }, ['logits'])).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('already sent') });
    } finally {
      await worker.close();
    }
  });
});

describe('execution provider candidates', () => {
  it.each([
    ['cpu', 'linux', 'x64', ['cpu']],
    ['auto', 'linux', 'x64', ['cuda', 'cpu']],
    ['auto', 'linux', 'arm64', ['cpu']],
    ['auto', 'win32', 'x64', ['cuda', 'dml', 'cpu']],
    ['auto', 'darwin', 'arm64', ['coreml', 'cpu']],
    ['webgpu', 'linux', 'x64', ['webgpu', 'cpu']],
    ['cuda', 'darwin', 'arm64', ['cuda', 'cpu']],
  ] as const)('%s on %s/%s tries %j', (requested, platform, arch, expected) => {
    expect(providerCandidates(requested, platform, arch)).toEqual(expected);
  });

  it('keeps the part of an onnxruntime message a person can act on', () => {
    const raw =
      '/onnxruntime_src/onnxruntime/core/providers/webgpu/webgpu_context.cc:136 onnxruntime::webgpu::WebGpuContext::Initialize(...)::<lambda()> adapter_result.status == wgpu::RequestAdapterStatus::Success was false. Failed to get a WebGPU adapter: No supported adapters';
    expect(conciseProviderError(raw)).toBe('Failed to get a WebGPU adapter: No supported adapters');
    expect(conciseProviderError('x'.repeat(300))).toHaveLength(158);
  });
});

import { describe, expect, it } from 'vitest';
import { graphMismatches } from '../../../src/main/core/models/index.js';
import type { TensorInfo } from '../../../src/shared/onnx.js';
import { fixtureManifest } from '../analysis/fixtures.js';

const tensor = (name: string, shape: (number | string)[] | null, type = 'float32'): TensorInfo => ({ name, shape, type });

describe('graph against manifest', () => {
  const recurrent = fixtureManifest('test-recurrent');
  const graph = {
    inputs: [tensor('rgb', [1, 'T', 3, 32, 32]), tensor('h0', [1, 1, 16]), tensor('c0', [1, 1, 16])],
    outputs: [tensor('logits', [1, 'T', 11]), tensor('hn', [1, 1, 16]), tensor('cn', [1, 1, 16])],
  };

  it('agree when names, ranks, fixed sizes and class count agree', () => {
    expect(graphMismatches(recurrent, graph)).toEqual([]);
    // A dynamic axis in the graph accepts whatever the manifest fixes.
    expect(graphMismatches(recurrent, { ...graph, inputs: [tensor('rgb', ['N', 'T', 3, 'H', 'W']), ...graph.inputs.slice(1)] })).toEqual([]);
  });

  it('names each disagreement', () => {
    const problems = graphMismatches(recurrent, {
      inputs: [tensor('input', [1, 'T', 3, 32, 32]), tensor('h0', [1, 1, 8]), tensor('c0', [1, 1, 16], 'float16')],
      outputs: [tensor('logits', [1, 'T', 10]), tensor('hn', [1, 1, 8])],
    });
    expect(problems).toEqual([
      'inputs.rgb.name: expected a graph input "rgb", found inputs "input", "h0", "c0"',
      'inputs.state.0.shape.2: expected 16, found 8 in graph input "h0"',
      'inputs.state.1.dtype: expected float32, found float16 (graph input "c0")',
      'inputs: expected every graph input declared in the manifest, found an undeclared input "input" [1, "T", 3, 32, 32]',
      'labels: expected 11 classes in output "logits" (one per label), found 10 classes',
      'inputs.state.0.shape: expected output "hn" shaped like its state [1, 1, 16], found [1, 1, 8]',
      'inputs.state.1.output: expected a graph output "cn" carrying state "c0" to the next chunk, found outputs "logits", "hn"',
    ]);
  });

  it('refuses a graph that fixes an axis the manifest says the engine may vary', () => {
    const frame = fixtureManifest('test-frame'); // rgb ['N', 3, 32, 32]
    expect(graphMismatches(frame, { inputs: [tensor('rgb', [1, 3, 32, 32])], outputs: [tensor('logits', [1, 11])] })).toEqual([
      'inputs.rgb.shape.0: expected a dynamic axis (the manifest names it "N": the engine varies it), found 1 in graph input "rgb"',
    ]);
  });

  it('names a wrong rank, a wrong output rank and a non-float output', () => {
    const clip = fixtureManifest('test-clip'); // rgb NCTHW ['N', 3, 8, 32, 32]
    expect(graphMismatches(clip, { inputs: [tensor('rgb', ['N', 3, 32, 32])], outputs: [tensor('logits', ['N', 8, 11])] })).toEqual([
      'inputs.rgb.shape: expected 5 axes (NCTHW), found 4 axes in graph input "rgb" ["N", 3, 32, 32]',
      'output.name: expected output "logits" shaped [N, classes] for a clip model, found ["N", 8, 11]',
    ]);
    expect(graphMismatches(clip, { inputs: [tensor('rgb', ['N', 3, 8, 32, 32])], outputs: [tensor('logits', ['N', 11], 'int64')] })).toEqual([
      'output.name: expected a float32 output "logits", found int64',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { graphMismatches } from '../../../src/main/core/models/index.js';
import type { TensorInfo } from '../../../src/workers/inference/protocol.js';
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
      'inputs.rgb: the graph has no input "rgb" (its inputs: "input", "h0", "c0")',
      `inputs.state.0.shape.2: the manifest says 16, the graph's input "h0" has 8`,
      `inputs.state.1: the graph's input "c0" is float16, not float32`,
      'the graph has an input "input" the manifest does not declare',
      'labels: 11 labels, but the output "logits" has 10 classes',
      'inputs.state.1.output: the graph has no output "cn" (its outputs: "logits", "hn")',
    ]);
  });

  it('refuses a graph that fixes an axis the manifest says the engine may vary', () => {
    const frame = fixtureManifest('test-frame'); // rgb ['N', 3, 32, 32]
    expect(graphMismatches(frame, { inputs: [tensor('rgb', [1, 3, 32, 32])], outputs: [tensor('logits', [1, 11])] })).toEqual([
      `inputs.rgb.shape.0: the manifest says "N", the graph's input "rgb" has 1`,
    ]);
  });
});

/**
 * Checks the schema cannot express: that a manifest's parts agree with each other (before the
 * model is loaded) and with the ONNX graph (once it is). Pure functions, so every rule is unit-tested.
 */
import type { LAYOUTS, ModelFamily, ModelManifest } from '../../../shared/manifest.js';
import type { TensorInfo } from '../../../workers/inference/protocol.js';

type Layout = (typeof LAYOUTS)[number];
type Dim = number | string;

export interface ManifestIssue {
  field: string;
  message: string;
}

/** Layouts the engine can feed per family (see the strategies in core/analysis/strategies). */
export const FAMILY_LAYOUTS: Record<ModelFamily, readonly Layout[]> = {
  'frame-classifier': ['NCHW', 'NSCHW'],
  recurrent: ['NTCHW'],
  clip: ['NCTHW', 'NTCHW'],
  'two-stream': ['NCHW'],
};

export function manifestConsistencyIssues(m: ModelManifest): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  const { rgb, flow } = m.inputs;
  const pre = m.preprocess;

  if (!FAMILY_LAYOUTS[m.family].includes(rgb.layout)) add('inputs.rgb.layout', `a ${m.family} model is fed ${FAMILY_LAYOUTS[m.family].join(' or ')}, not ${rgb.layout}`);
  else if (rgb.shape.length !== rgb.layout.length) add('inputs.rgb.shape', `has ${rgb.shape.length} axes but the layout ${rgb.layout} has ${rgb.layout.length}`);
  else {
    const expect = (axis: string, value: number, why: string) => expectDim(add, 'inputs.rgb.shape', rgb.layout, rgb.shape, axis, value, why);
    expect('C', 3, 'three colour channels');
    expect('H', pre.height, 'preprocess.height');
    expect('W', pre.width, 'preprocess.width');
    if (m.clip && m.family === 'clip') expect('T', m.clip.length, 'clip.length');
    // The engine feeds one segment per frame and one sequence at a time.
    if (rgb.layout === 'NSCHW') expect('S', 1, 'one frame per segment axis');
    if (m.family === 'recurrent') expect('N', 1, 'one video stream at a time');
  }
  if (pre.resize === 'short-side-crop' && pre.shortSide !== undefined && pre.shortSide < Math.max(pre.width, pre.height)) {
    add('preprocess.shortSide', `${pre.shortSide} is smaller than the ${pre.width}x${pre.height} crop`);
  }
  if (m.family === 'two-stream' && flow && m.flow && m.clip) {
    if (flow.layout !== 'NCHW' || flow.shape.length !== 4) add('inputs.flow.layout', 'the flow input is NCHW with 2 × flow.pairs channels');
    else {
      const expect = (axis: string, value: number, why: string) => expectDim(add, 'inputs.flow.shape', flow.layout, flow.shape, axis, value, why);
      expect('C', 2 * m.flow.pairs, 'x and y of each of flow.pairs frame pairs');
      expect('H', m.flow.height, 'flow.height');
      expect('W', m.flow.width, 'flow.width');
    }
    // Flow is computed on the decoded frames themselves (the same ffmpeg scaling as the RGB input).
    if (pre.resize !== 'stretch' || m.flow.width !== pre.width || m.flow.height !== pre.height) {
      add('flow.width', `a two-stream model's flow size must be its input size, ${pre.width}x${pre.height} with resize "stretch" (flow is computed on the decoded input frames)`);
    }
    // A window samples clip.length frames; flow comes from each consecutive pair of them.
    if (m.clip.length !== m.flow.pairs + 1) add('clip.length', `is ${m.clip.length}, but flow.pairs ${m.flow.pairs} needs ${m.flow.pairs + 1} frames per window`);
  }
  return issues;
}

function expectDim(add: (field: string, message: string) => void, field: string, layout: Layout, shape: Dim[], axis: string, value: number, why: string) {
  const index = layout.indexOf(axis);
  const actual = shape[index];
  if (typeof actual === 'number' && actual !== value) add(`${field}.${index}`, `is ${actual}, expected ${value} (${why})`);
}

/** Ways the loaded graph disagrees with the manifest, in words; empty when they agree. */
export function graphMismatches(m: ModelManifest, graph: { inputs: TensorInfo[]; outputs: TensorInfo[] }): string[] {
  const problems: string[] = [];
  const byName = (list: TensorInfo[], name: string) => list.find((t) => t.name === name);
  const names = (list: TensorInfo[]) => list.map((t) => `"${t.name}"`).join(', ') || 'none';
  const declared: { name: string; shape: Dim[]; field: string }[] = [
    { name: m.inputs.rgb.name, shape: m.inputs.rgb.shape, field: 'inputs.rgb' },
    ...(m.inputs.flow ? [{ name: m.inputs.flow.name, shape: m.inputs.flow.shape, field: 'inputs.flow' }] : []),
    ...(m.inputs.state ?? []).map((s, i) => ({ name: s.input, shape: s.shape as Dim[], field: `inputs.state.${i}` })),
  ];
  for (const input of declared) {
    const actual = byName(graph.inputs, input.name);
    if (!actual) problems.push(`${input.field}: the graph has no input "${input.name}" (its inputs: ${names(graph.inputs)})`);
    else problems.push(...shapeMismatches(input.field, input.shape, actual));
  }
  for (const extra of graph.inputs.filter((g) => !declared.some((d) => d.name === g.name))) {
    problems.push(`the graph has an input "${extra.name}" the manifest does not declare`);
  }
  const output = byName(graph.outputs, m.output.name);
  if (!output) problems.push(`output.name: the graph has no output "${m.output.name}" (its outputs: ${names(graph.outputs)})`);
  else {
    const classes = output.shape?.at(-1);
    if (typeof classes === 'number' && classes !== m.labels.length) problems.push(`labels: ${m.labels.length} labels, but the output "${output.name}" has ${classes} classes`);
  }
  (m.inputs.state ?? []).forEach((s, i) => {
    if (!byName(graph.outputs, s.output)) problems.push(`inputs.state.${i}.output: the graph has no output "${s.output}" (its outputs: ${names(graph.outputs)})`);
  });
  return problems;
}

function shapeMismatches(field: string, declared: Dim[], actual: TensorInfo): string[] {
  if (actual.type !== 'float32') return [`${field}: the graph's input "${actual.name}" is ${actual.type}, not float32`];
  if (!actual.shape) return [];
  if (actual.shape.length !== declared.length) return [`${field}.shape: ${declared.length} axes declared, the graph's input "${actual.name}" has ${actual.shape.length}`];
  const problems: string[] = [];
  declared.forEach((want, axis) => {
    const got = actual.shape![axis];
    // A named axis in the manifest means the engine will vary it, so the graph must not fix it.
    if (typeof got === 'number' && got >= 0 && want !== got) problems.push(`${field}.shape.${axis}: the manifest says ${JSON.stringify(want)}, the graph's input "${actual.name}" has ${got}`);
  });
  return problems;
}

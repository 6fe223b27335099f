/**
 * Checks the schema cannot express: that a manifest's parts agree with each other (before the
 * model is loaded) and with the ONNX graph (once it is). Pure functions, so every rule is unit-tested.
 */
import { rgbParts, type KeypointLayout, type Layout, type ModelFamily, type ModelManifest } from '../../../shared/manifest.js';
import type { TensorInfo } from '../../../shared/onnx.js';

type Dim = number | string;

export interface ManifestIssue {
  field: string;
  message: string;
}

/** Layouts the engine can feed per family (see the strategies in core/analysis/strategies). */
export const FAMILY_LAYOUTS: Record<ModelFamily, readonly Layout[]> = {
  'frame-classifier': ['NCHW', 'NSCHW'],
  recurrent: ['NTCHW'],
  clip: ['NCTHW', 'NTCHW', 'NSCHW', 'NMCTHW'],
  'two-stream': ['NCHW'],
};

export function manifestConsistencyIssues(m: ModelManifest): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (m.inputs.keypoints) return keypointConsistencyIssues(m, m.inputs.keypoints);
  const { rgb, preprocess: pre } = rgbParts(m);
  const { flow } = m.inputs;

  if (!FAMILY_LAYOUTS[m.family].includes(rgb.layout)) add('inputs.rgb.layout', `a ${m.family} model is fed ${FAMILY_LAYOUTS[m.family].join(' or ')}, not ${rgb.layout}`);
  else if (rgb.shape.length !== rgb.layout.length) add('inputs.rgb.shape', `has ${rgb.shape.length} axes but the layout ${rgb.layout} has ${rgb.layout.length}`);
  else {
    const expect = (axis: string, value: number, why: string) => expectDim(add, 'inputs.rgb.shape', rgb.layout, rgb.shape, axis, value, why);
    expect('C', 3, 'three colour channels');
    expect('H', pre.height, 'preprocess.height');
    expect('W', pre.width, 'preprocess.width');
    if (m.clip && m.family === 'clip') expect(rgb.layout === 'NSCHW' ? 'S' : 'T', m.clip.length, 'clip.length');
    // A frame classifier gets one frame per sample; a clip's crops axis gets its one centre crop.
    if (rgb.layout === 'NSCHW' && m.family === 'frame-classifier') expect('S', 1, 'one frame per segment axis');
    if (rgb.layout === 'NMCTHW') expect('M', 1, 'one centre crop per clip');
    if (m.family === 'recurrent') expect('N', 1, 'one video stream at a time');
  }
  if (pre.resize === 'short-side-crop' && pre.shortSide !== undefined && pre.shortSide < Math.max(pre.width, pre.height)) {
    add('preprocess.shortSide', `${pre.shortSide} is smaller than the ${pre.width}x${pre.height} crop`);
  }
  if (pre.resize === 'direct-crop' && pre.resizeWidth !== undefined && pre.resizeHeight !== undefined && (pre.resizeWidth < pre.width || pre.resizeHeight < pre.height)) {
    add('preprocess.resizeWidth', `${pre.resizeWidth}x${pre.resizeHeight} is smaller than the ${pre.width}x${pre.height} crop`);
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

/** Keypoint layouts the keypoint strategy feeds per family (core/analysis/strategies/keypoint*.ts). */
export const FAMILY_KEYPOINT_LAYOUTS: Record<ModelFamily, readonly KeypointLayout[]> = {
  'frame-classifier': ['NVC'],
  recurrent: ['NTVC'],
  clip: ['NTVC'],
  'two-stream': [],
};

function keypointConsistencyIssues(m: ModelManifest, keypoints: NonNullable<ModelManifest['inputs']['keypoints']>): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  const { layout, shape } = keypoints;
  const allowed = FAMILY_KEYPOINT_LAYOUTS[m.family];
  if (!allowed.includes(layout)) add('inputs.keypoints.layout', `a ${m.family} skeleton model is fed ${allowed.join(' or ') || 'no keypoints'}, not ${layout}`);
  else if (shape.length !== layout.length) add('inputs.keypoints.shape', `has ${shape.length} axes but the layout ${layout} has ${layout.length}`);
  else {
    const expect = (axis: string, value: number, why: string) => expectDim(add, 'inputs.keypoints.shape', layout, shape, axis, value, why);
    expect('V', 17, 'the 17 COCO keypoints');
    expect('C', 3, 'x, y and score per keypoint');
    if (m.clip && m.family === 'clip') expect('T', m.clip.length, 'clip.length');
    if (m.family === 'recurrent') expect('N', 1, 'one person at a time');
  }
  if (m.family === 'clip' && m.clip && m.clip.frameInterval !== 1) add('clip.frameInterval', `is ${m.clip.frameInterval}; a skeleton clip model's window is consecutive frames (1)`);
  const fps = m.inputs.fps;
  if (fps && typeof fps.shape[0] === 'number' && typeof shape[0] === 'number' && fps.shape[0] !== shape[0]) add('inputs.fps.shape', `is [${fps.shape[0]}], expected one frame rate per sample [${shape[0]}]`);
  if (fps && typeof fps.shape[0] === 'string' && typeof shape[0] === 'number') add('inputs.fps.shape', `names a batch axis but inputs.keypoints fixes N = ${shape[0]}`);
  return issues;
}

function expectDim(add: (field: string, message: string) => void, field: string, layout: Layout | KeypointLayout, shape: Dim[], axis: string, value: number, why: string) {
  const index = layout.indexOf(axis);
  const actual = shape[index];
  if (typeof actual === 'number' && actual !== value) add(`${field}.${index}`, `is ${actual}, expected ${value} (${why})`);
}

/** One way a graph disagrees with its manifest: the manifest field, what it implies, what the graph has. */
export interface GraphIssue {
  field: string;
  expected: string;
  found: string;
}

export const describeGraphIssue = (i: GraphIssue): string => `${i.field}: expected ${i.expected}, found ${i.found}`;

/** Ways the loaded graph disagrees with the manifest, in words; empty when they agree. */
export function graphMismatches(m: ModelManifest, graph: { inputs: TensorInfo[]; outputs: TensorInfo[] }): string[] {
  return graphIssues(m, graph).map(describeGraphIssue);
}

/**
 * Every input the manifest declares exists with its rank, fixed sizes, dynamic axes and dtype;
 * the graph has no other input; the output exists, is float32 with one row per sample
 * ([N, classes], recurrent [N, T, classes]) and as many classes as labels; each recurrent state
 * input has its output, of the same shape.
 */
export function graphIssues(m: ModelManifest, graph: { inputs: TensorInfo[]; outputs: TensorInfo[] }): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const add = (field: string, expected: string, found: string) => issues.push({ field, expected, found });
  const byName = (list: TensorInfo[], name: string) => list.find((t) => t.name === name);
  const names = (kind: string, list: TensorInfo[]) => (list.length === 0 ? `no ${kind}s` : `${kind}s ${list.map((t) => `"${t.name}"`).join(', ')}`);
  const declared: { name: string; shape: Dim[]; field: string; axes?: string }[] = [
    ...(m.inputs.rgb ? [{ name: m.inputs.rgb.name, shape: m.inputs.rgb.shape, field: 'inputs.rgb', axes: m.inputs.rgb.layout }] : []),
    ...(m.inputs.keypoints ? [{ name: m.inputs.keypoints.name, shape: m.inputs.keypoints.shape, field: 'inputs.keypoints', axes: m.inputs.keypoints.layout }] : []),
    ...(m.inputs.fps ? [{ name: m.inputs.fps.name, shape: m.inputs.fps.shape, field: 'inputs.fps' }] : []),
    ...(m.inputs.flow ? [{ name: m.inputs.flow.name, shape: m.inputs.flow.shape, field: 'inputs.flow', axes: m.inputs.flow.layout }] : []),
    ...(m.inputs.state ?? []).map((s, i) => ({ name: s.input, shape: s.shape as Dim[], field: `inputs.state.${i}` })),
  ];
  for (const input of declared) {
    const actual = byName(graph.inputs, input.name);
    const nameField = input.field.startsWith('inputs.state') ? `${input.field}.input` : `${input.field}.name`;
    if (!actual) add(nameField, `a graph input "${input.name}"`, names('input', graph.inputs));
    else issues.push(...tensorIssues(input.field, input.shape, actual, input.axes));
  }
  for (const extra of graph.inputs.filter((g) => !declared.some((d) => d.name === g.name))) {
    add('inputs', 'every graph input declared in the manifest', `an undeclared input "${extra.name}" ${shapeText(extra.shape)}`);
  }
  const output = byName(graph.outputs, m.output.name);
  if (!output) add('output.name', `a graph output "${m.output.name}"`, names('output', graph.outputs));
  else if (output.type !== 'float32') add('output.name', `a float32 output "${output.name}"`, output.type);
  else if (output.shape) {
    const rank = m.family === 'recurrent' ? 3 : 2;
    const rows = m.family === 'recurrent' ? '[N, T, classes]' : '[N, classes]';
    const classes = output.shape.at(-1);
    if (output.shape.length !== rank) add('output.name', `output "${output.name}" shaped ${rows} for a ${m.family} model`, shapeText(output.shape));
    else if (typeof classes === 'number' && classes >= 0 && classes !== m.labels.length) add('labels', `${m.labels.length} classes in output "${output.name}" (one per label)`, `${classes} classes`);
  }
  (m.inputs.state ?? []).forEach((s, i) => {
    const stateOut = byName(graph.outputs, s.output);
    if (!stateOut) add(`inputs.state.${i}.output`, `a graph output "${s.output}" carrying state "${s.input}" to the next chunk`, names('output', graph.outputs));
    else if (stateOut.shape && (stateOut.shape.length !== s.shape.length || stateOut.shape.some((d, axis) => typeof d === 'number' && d >= 0 && d !== s.shape[axis]))) {
      add(`inputs.state.${i}.shape`, `output "${s.output}" shaped like its state ${shapeText(s.shape)}`, shapeText(stateOut.shape));
    }
  });
  return issues;
}

const shapeText = (shape: Dim[] | null): string => (shape ? `[${shape.map((d) => (typeof d === 'number' ? String(d) : JSON.stringify(d))).join(', ')}]` : 'an unknown shape');

function tensorIssues(field: string, declared: Dim[], actual: TensorInfo, layout?: string): GraphIssue[] {
  if (actual.type !== 'float32') return [{ field: `${field}.dtype`, expected: 'float32', found: `${actual.type} (graph input "${actual.name}")` }];
  if (!actual.shape) return [];
  if (actual.shape.length !== declared.length) {
    return [{ field: `${field}.shape`, expected: `${declared.length} axes${layout ? ` (${layout})` : ''}`, found: `${actual.shape.length} axes in graph input "${actual.name}" ${shapeText(actual.shape)}` }];
  }
  const issues: GraphIssue[] = [];
  declared.forEach((want, axis) => {
    const got = actual.shape![axis];
    if (typeof got !== 'number' || got < 0 || want === got) return;
    // A named axis in the manifest means the engine will vary it, so the graph must not fix it.
    const expected = typeof want === 'number' ? String(want) : `a dynamic axis (the manifest names it ${JSON.stringify(want)}: the engine varies it)`;
    issues.push({ field: `${field}.shape.${axis}`, expected, found: `${got} in graph input "${actual.name}"` });
  });
  return issues;
}

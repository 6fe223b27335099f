/**
 * Presets: manifests for the public video models people most often have, so importing one takes
 * a model file and a name. Each holds the documented transform of its source (torchvision's
 * weights' `transforms`, MMAction2's data preprocessor and test pipeline). models/presets/presets.json,
 * generated from them, is read by models/export/export_torchvision.py, so exporter and importer agree.
 */
import { AppError } from '../../../../shared/errors.js';
import type { ModelPreset } from '../../../../shared/models.js';
import type { TensorInfo } from '../../../../shared/onnx.js';
import { PRESETS as presets } from './data.js';
import { KINETICS_400 } from './kinetics400.js';


const LABEL_SETS: Record<string, readonly string[]> = { kinetics400: KINETICS_400 };

export const PRESET_NAMES = Object.keys(presets);

export function listPresets(): ModelPreset[] {
  return Object.entries(presets).map(([name, p]) => ({
    name,
    description: p.description,
    source: p.source,
    documented: p.documented,
    labelSet: p.labels,
    labelCount: LABEL_SETS[p.labels]?.length ?? 0,
    manifest: structuredClone(p.manifest) as Record<string, unknown>,
  }));
}

export interface PresetOptions {
  id: string;
  name?: string;
  /** Replaces the preset's label set (a model fine-tuned on other classes). */
  labels?: string[];
  /** The graph's inputs and outputs: single names and fixed clip/batch sizes are taken from it. */
  graph?: { inputs: TensorInfo[]; outputs: TensorInfo[] };
}

export interface PresetManifest {
  /** A manifest document, to be validated like any other. */
  document: Record<string, unknown>;
  /** What was taken from the graph rather than the preset, for people. */
  adopted: string[];
}

/**
 * The preset's manifest for one model file. The preprocessing always comes from the preset (it
 * is what the weights were trained with); the input and output names when the graph has exactly
 * one of each, and the batch and clip length when the graph fixes them (an mmdeploy static
 * export fixes T to its config's clip_len).
 */
export function presetManifest(presetName: string, options: PresetOptions): PresetManifest {
  const preset = listPresets().find((p) => p.name === presetName);
  if (!preset) throw new AppError('INVALID_ARGUMENT', `Unknown preset "${presetName}" (presets: ${PRESET_NAMES.join(', ')}).`, { field: 'preset' });
  const m = preset.manifest as { inputs: { rgb: { name: string; layout: string; shape: (number | string)[] } }; output: { name: string }; clip?: { length: number } };
  const adopted: string[] = [];
  const graph = options.graph;
  if (graph?.inputs.length === 1 && graph.inputs[0]!.name !== m.inputs.rgb.name) {
    m.inputs.rgb.name = graph.inputs[0]!.name;
    adopted.push(`inputs.rgb.name "${m.inputs.rgb.name}" (the graph's only input)`);
  }
  if (graph?.outputs.length === 1 && graph.outputs[0]!.name !== m.output.name) {
    m.output.name = graph.outputs[0]!.name;
    adopted.push(`output.name "${m.output.name}" (the graph's only output)`);
  }
  const input = graph?.inputs.find((i) => i.name === m.inputs.rgb.name);
  if (input?.shape && input.shape.length === m.inputs.rgb.shape.length) {
    const { layout, shape } = m.inputs.rgb;
    const fixed = (axis: string) => {
      const value = input.shape![layout.indexOf(axis)];
      return typeof value === 'number' && value > 0 ? value : null;
    };
    const batch = fixed('N');
    if (batch !== null && shape[0] !== batch) {
      shape[0] = batch;
      adopted.push(`inputs.rgb.shape.0 = ${batch} (the graph fixes its batch)`);
    }
    const timeAxis = layout === 'NSCHW' ? 'S' : 'T';
    const length = fixed(timeAxis);
    if (length !== null && m.clip && length !== m.clip.length) {
      shape[layout.indexOf(timeAxis)] = length;
      m.clip.length = length;
      adopted.push(`clip.length = ${length} (the graph fixes its ${timeAxis === 'S' ? 'segments' : 'time'} axis)`);
    }
  }
  const labels = options.labels ?? [...(LABEL_SETS[preset.labelSet] ?? [])];
  const document = {
    schemaVersion: 1,
    id: options.id,
    // The model as the user named it (its id, from the file name by default), and where its settings came from.
    name: options.name ?? `${options.id} (${preset.name} preset)`,
    version: '1',
    ...m,
    labels,
  };
  return { document, adopted };
}

/**
 * A manifest's input, in words, as `actionlens models show` and the model details pane print it:
 * an RGB model's input tensor and preprocessing, or a skeleton model's keypoints.
 */
import type { ModelManifest } from './manifest.js';

/** [key, value] rows for the input (and, for RGB models, the preprocessing). */
export function inputRows(m: ModelManifest, times = '×'): [string, string][] {
  const { keypoints, rgb, fps } = m.inputs;
  if (keypoints) {
    const spec = m.keypoints;
    return [
      ['Input', `${keypoints.name} ${keypoints.layout} [${keypoints.shape.join(', ')}]${fps ? `, ${fps.name} [${fps.shape.join(', ')}]` : ''}`],
      ['Keypoints', spec ? `${spec.format} (${spec.channels.join(', ')}) in ${spec.units}, from the video's pose run; min score ${spec.minScore}` : 'COCO-17, from the video\'s pose run'],
    ];
  }
  const pre = m.preprocess;
  if (!rgb || !pre) return [];
  const resize =
    pre.resize === 'short-side-crop' ? `short side ${pre.shortSide}, centre crop (${pre.cropOffset ?? 'floor'})` : pre.resize === 'direct-crop' ? `${pre.resizeWidth}${times}${pre.resizeHeight}, centre crop (${pre.cropOffset ?? 'floor'})` : 'stretched';
  return [
    ['Input', `${rgb.name} ${rgb.layout} [${rgb.shape.join(', ')}]`],
    ['Preprocess', `${pre.width}${times}${pre.height}, ${resize}, ${pre.interpolation ?? 'bilinear'}`],
    ['Normalise', `${pre.colorOrder} ${pre.valueRange}, mean [${pre.mean.join(', ')}], std [${pre.std.join(', ')}]`],
  ];
}

/** "112×112" for a frame model, "COCO-17 keypoints" for a skeleton model. */
export function inputSizeText(m: { inputWidth: number; inputHeight: number; input?: 'frames' | 'keypoints' }, times = '×'): string {
  return m.input === 'keypoints' ? 'COCO-17 keypoints' : `${m.inputWidth}${times}${m.inputHeight}`;
}

/** From a model's output rows to per-frame class probabilities. */
import { AppError } from '../../../shared/errors.js';

/**
 * Rows of `classCount` values, in place: a softmax for logits (shifted by the row's maximum, so
 * large logits cannot overflow), a clamp to [0, 1] for models that already output probabilities.
 */
export function toProbabilities(values: Float32Array, classCount: number, kind: 'logits' | 'probabilities'): Float32Array {
  for (let row = 0; row < values.length; row += classCount) {
    if (kind === 'probabilities') {
      for (let c = row; c < row + classCount; c++) values[c] = Math.min(1, Math.max(0, values[c]!));
      continue;
    }
    let max = -Infinity;
    for (let c = row; c < row + classCount; c++) max = Math.max(max, values[c]!);
    let sum = 0;
    for (let c = row; c < row + classCount; c++) {
      const e = Math.exp(values[c]! - max);
      values[c] = e;
      sum += e;
    }
    for (let c = row; c < row + classCount; c++) values[c] = values[c]! / sum;
  }
  return values;
}

/**
 * The named output of a result as `rows` rows of probabilities. A model whose output does not
 * hold rows × classCount values fails here with the shapes, not later with wrong labels.
 */
export function outputRows(
  outputs: Record<string, { data: Float32Array; dims: number[] }>,
  name: string,
  rows: number,
  classCount: number,
  kind: 'logits' | 'probabilities',
): Float32Array {
  const output = outputs[name];
  if (!output || output.data.length !== rows * classCount) {
    const got = output ? `[${output.dims.join(', ')}]` : 'nothing';
    throw new AppError('INVALID_ARGUMENT', `The model's output "${name}" is ${got}; expected ${rows} × ${classCount} values (one row per sample, one value per label).`);
  }
  return toProbabilities(output.data, classCount, kind);
}

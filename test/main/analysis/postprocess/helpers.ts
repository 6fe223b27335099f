import { postprocessSchema, type PostprocessOptions } from '../../../../src/shared/analysis.js';
import { deriveSegments } from '../../../../src/main/core/analysis/postprocess/index.js';

/** Frame-major probabilities from one row per frame. */
export function rows(values: readonly (readonly number[])[]): Float32Array {
  return Float32Array.from(values.flat());
}

/** Everything off: no smoothing, threshold, hysteresis or minimum duration. Override what a test is about. */
export function plain(overrides: Partial<PostprocessOptions> = {}): PostprocessOptions {
  return {
    ...postprocessSchema.parse({}),
    smoothing: { kind: 'none', windowFrames: 1 },
    threshold: 0,
    minSegmentSec: 0,
    hysteresis: 0,
    ...overrides,
  };
}

export const LABELS = ['walk', 'run', 'jump', 'sit'] as const;

/** deriveSegments at 10 fps (frame f starts at f/10 s) unless `times` gives each frame's start and the end. */
export function derive(probs: Float32Array, classCount: number, postprocess: PostprocessOptions, times?: readonly number[]) {
  const frameCount = probs.length / classCount;
  return deriveSegments(probs, {
    frameCount,
    classCount,
    labels: LABELS.slice(0, classCount),
    frameTimes: (frame) => (times ? times[frame]! : frame / 10),
    endTime: times ? times[frameCount]! : frameCount / 10,
    postprocess,
  });
}

/** Segments as compact [label, startFrame, endFrame] triples, for readable expectations. */
export function spans(segments: readonly { label: string; startFrame: number; endFrame: number }[]): [string, number, number][] {
  return segments.map((s) => [s.label, s.startFrame, s.endFrame]);
}

export { seededRandom } from '../../../helpers/random.js';

/** Random rows that each sum to 1. */
export function randomProbs(frameCount: number, classCount: number, random: () => number): Float32Array {
  const probs = new Float32Array(frameCount * classCount);
  for (let f = 0; f < frameCount; f++) {
    let sum = 0;
    for (let c = 0; c < classCount; c++) sum += probs[f * classCount + c] = random() ** 3;
    for (let c = 0; c < classCount; c++) probs[f * classCount + c]! /= sum;
  }
  return probs;
}

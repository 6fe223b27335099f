/**
 * From per-frame class probabilities to action segments, re-runnable on stored probabilities
 * without the model. The steps, in order:
 *
 * 1. smoothing (see smoothing.ts: centred window per class, truncated at the video's ends);
 * 2. a label per frame: argmax with hysteresis, or Viterbi with a switch penalty when
 *    `viterbi.enabled` (Viterbi replaces hysteresis: its penalty is what stops flicker), both
 *    on the smoothed probabilities;
 * 3. frames whose best smoothed probability is below `threshold` get no label ("no confident
 *    action"). The best class decides, not the chosen one: hysteresis may hold a label slightly
 *    below the best class, and that frame is still confident. Step 2 runs over every frame,
 *    unconfident ones included, so what hysteresis holds carries across a low-confidence gap;
 * 4. runs shorter than `minSegmentSec` are merged into the neighbour they resemble most, or
 *    dropped when they have none (see runs.ts);
 * 5. each remaining run is a Segment. Its confidence is the mean of the label's *unsmoothed*
 *    probability over its frames: what the model itself said, so it does not drift with the
 *    smoothing window the user happens to pick.
 *
 * Cost: O(frames × classes) typed-array passes (the median filter adds a factor of its window),
 * plus one smoothed copy of the probabilities (frames × classes × 4 bytes) unless smoothing is off.
 */
import { AppError } from '../../../../shared/errors.js';
import type { PostprocessOptions, Segment } from '../../../../shared/analysis.js';
import { decideByHysteresis, decideByViterbi, dropUnconfidentFrames } from './decision.js';
import { enforceMinDuration, findRuns } from './runs.js';
import { smoothProbabilities } from './smoothing.js';

export { smoothProbabilities } from './smoothing.js';

export interface DeriveSegmentsOptions {
  frameCount: number;
  classCount: number;
  /** The model's class names, by class index. */
  labels: readonly string[];
  /** Presentation time in seconds of a frame; non-decreasing. Called once per frame. */
  frameTimes: (frame: number) => number;
  /** Seconds at which the last frame ends (its pts plus its duration). */
  endTime: number;
  postprocess: PostprocessOptions;
  /** Frames that could not be decoded: in no segment. */
  isGap?: (frame: number) => boolean;
}

/** Segments in frame order; frames with no confident action belong to none. */
export function deriveSegments(probs: Float32Array, options: DeriveSegmentsOptions): Segment[] {
  const { frameCount, classCount, labels, postprocess } = options;
  validate(probs, options);
  if (frameCount === 0) return [];

  const smoothed = smoothProbabilities(probs, frameCount, classCount, postprocess.smoothing);
  const decisions = postprocess.viterbi.enabled
    ? decideByViterbi(smoothed, frameCount, classCount, postprocess.viterbi.switchPenalty)
    : decideByHysteresis(smoothed, frameCount, classCount, postprocess.hysteresis);
  const frameLabels = dropUnconfidentFrames(decisions, postprocess.threshold);
  if (options.isGap) for (let f = 0; f < frameCount; f++) if (options.isGap(f)) frameLabels[f] = -1;

  const times = frameTimeTable(options);
  const runs = findRuns(frameLabels);
  enforceMinDuration(runs, times, smoothed, classCount, postprocess.minSegmentSec);

  const segments: Segment[] = [];
  for (let r = 0; r < runs.count; r++) {
    if (!runs.alive[r]) continue;
    const startFrame = runs.start[r]!;
    const endFrame = runs.end[r]!;
    const classIndex = runs.label[r]!;
    segments.push({
      label: labels[classIndex]!,
      classIndex,
      startFrame,
      endFrame,
      startSec: times[startFrame]!,
      endSec: times[endFrame]!,
      confidence: meanProbability(probs, classCount, classIndex, startFrame, endFrame),
    });
  }
  return segments;
}

/** times[f] = start of frame f; times[frameCount] = endTime. */
function frameTimeTable({ frameCount, frameTimes, endTime }: DeriveSegmentsOptions): Float64Array {
  const times = new Float64Array(frameCount + 1);
  for (let f = 0; f < frameCount; f++) times[f] = frameTimes(f);
  times[frameCount] = endTime;
  return times;
}

function meanProbability(probs: Float32Array, classCount: number, classIndex: number, startFrame: number, endFrame: number): number {
  let sum = 0;
  for (let f = startFrame; f < endFrame; f++) sum += probs[f * classCount + classIndex]!;
  return sum / (endFrame - startFrame);
}

function validate(probs: Float32Array, { frameCount, classCount, labels }: DeriveSegmentsOptions): void {
  const invalid = (message: string, field: string) => new AppError('INVALID_ARGUMENT', message, { field });
  if (!Number.isInteger(frameCount) || frameCount < 0) throw invalid(`frameCount must be a non-negative integer, got ${frameCount}.`, 'frameCount');
  if (!Number.isInteger(classCount) || classCount < 1) throw invalid(`classCount must be a positive integer, got ${classCount}.`, 'classCount');
  if (probs.length !== frameCount * classCount) {
    throw invalid(`probs holds ${probs.length} values, expected ${frameCount} frames × ${classCount} classes.`, 'probs');
  }
  if (labels.length !== classCount) throw invalid(`${labels.length} labels given for ${classCount} classes.`, 'labels');
}

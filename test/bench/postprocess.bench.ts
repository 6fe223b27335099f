/**
 * How long re-deriving segments from stored probabilities takes for an hour of 30 fps video
 * (108,000 frames), at 11 classes (the default models) and 400 (Kinetics-400 sized), against
 * the 1 s target. Run: npm run bench:postprocess
 *
 * The probabilities are synthetic but shaped like a model's: actions lasting 1–20 s, each frame
 * a noisy softmax around the true class, with occasional one-frame flips to another class.
 */
import { postprocessSchema, type PostprocessOptions } from '../../src/shared/analysis.js';
import { deriveSegments } from '../../src/main/core/analysis/postprocess/index.js';
import { seededRandom as mulberry32 } from '../helpers/random.js';

const FPS = 30;
const FRAMES = 60 * 60 * FPS;
const TARGET_MS = 1000;
const RUNS = 3;

function syntheticProbabilities(frameCount: number, classCount: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const probs = new Float32Array(frameCount * classCount);
  let truth = 0;
  let untilFrame = 0;
  for (let f = 0; f < frameCount; f++) {
    if (f >= untilFrame) {
      truth = Math.floor(random() * classCount);
      untilFrame = f + Math.floor((1 + random() * 19) * FPS);
    }
    const shown = random() < 0.05 ? Math.floor(random() * classCount) : truth;
    const base = f * classCount;
    let sum = 0;
    for (let c = 0; c < classCount; c++) {
      // The shown class gets a logit lead of ln(classes): about 0.5 probability at any class count.
      const value = Math.exp((c === shown ? Math.log(classCount) : 0) + random() * 1.5);
      probs[base + c] = value;
      sum += value;
    }
    for (let c = 0; c < classCount; c++) probs[base + c]! /= sum;
  }
  return probs;
}

const defaults = postprocessSchema.parse({});
const variants: [string, PostprocessOptions][] = [
  ['defaults (moving average 5, hysteresis)', defaults],
  ['median 5', { ...defaults, smoothing: { kind: 'median', windowFrames: 5 } }],
  ['median 9', { ...defaults, smoothing: { kind: 'median', windowFrames: 9 } }],
  ['median 15 (windows > 9: sorted-window path)', { ...defaults, smoothing: { kind: 'median', windowFrames: 15 } }],
  ['Viterbi, moving average 5', { ...defaults, viterbi: { enabled: true, switchPenalty: 4 } }],
];

console.log(`Re-deriving segments for 1 h at ${FPS} fps (${FRAMES.toLocaleString('en')} frames); best of ${RUNS} runs; target ${TARGET_MS} ms`);
console.log('(wall time is what a user waits; CPU time is this process alone, steadier on a shared machine)');
for (const classCount of [11, 400]) {
  const probs = syntheticProbabilities(FRAMES, classCount, 42);
  const labels = Array.from({ length: classCount }, (_, c) => `class_${c}`);
  for (const [name, postprocess] of variants) {
    let wall = Number.POSITIVE_INFINITY;
    let cpu = Number.POSITIVE_INFINITY;
    let segments = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const result = deriveSegments(probs, {
        frameCount: FRAMES,
        classCount,
        labels,
        frameTimes: (frame) => frame / FPS,
        endTime: FRAMES / FPS,
        postprocess,
      });
      const used = process.cpuUsage(cpuStarted);
      wall = Math.min(wall, performance.now() - started);
      cpu = Math.min(cpu, (used.user + used.system) / 1000);
      segments = result.length;
    }
    const ratio = wall / TARGET_MS;
    const row = `${String(classCount).padStart(3)} classes  ${name.padEnd(46)} ${wall.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)} × target`;
    console.log(`${row}  (CPU ${cpu.toFixed(0)} ms; ${segments} segments)`);
  }
}

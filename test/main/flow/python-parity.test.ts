/**
 * The app's flow (OpenCV.js in TypeScript) against the training reference (python3-opencv,
 * models/training/flow_reference.py) on the same decoded frames: real footage from
 * ../shared/corpus when present, else a generated clip.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../../src/main/core/media/index.js';
import { createFlowComputer, DEFAULT_FLOW } from '../../../src/workers/flow/index.js';
import { CORPUS_DIR, makeClip, REPO_ROOT, tmpDir } from '../../helpers/clips.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3'; // Debian's, which sees python3-opencv (not the pyenv python3 on PATH)
const REFERENCE = path.join(REPO_ROOT, 'models/training/flow_reference.py');
/**
 * Agreement required, in pixels. The two builds do the same arithmetic in a different order
 * (WebAssembly without SIMD against native SIMD code), which matters only where Farneback's
 * per-pixel system is ill-conditioned (flat areas). Measured at 112x112: real footage 2.4e-5 px
 * at most (the notes: 2e-5); lavfi's testsrc2, mostly flat colour, 5.8e-3 px at 163 of 577,024
 * values, 3.8e-6 px on average.
 */
const MAX_PX = 0.01;
const MEAN_PX = 1e-5;
const FRAMES = 24;

const hasOpenCv = spawnSync(PYTHON, ['-c', 'import cv2, numpy'], { stdio: 'ignore' }).status === 0;
const skipNote = hasOpenCv ? '' : ` (skipped: ${PYTHON} cannot import cv2 and numpy; apt-get install python3-opencv python3-numpy)`;
const corpusClip = path.join(CORPUS_DIR, 'kinetics-armwrestling-340x256-28fps.mp4');
const corpusNote = existsSync(corpusClip) ? '' : ` (skipped: ${path.relative(process.cwd(), CORPUS_DIR)} not found)`;

describe.skipIf(!hasOpenCv)(`flow parity with python3-opencv${skipNote}`, () => {
  it.skipIf(corpusNote !== '')(`agrees on real footage within ${MAX_PX} px (mean ${MEAN_PX} px), grey frames bit for bit${corpusNote}`, async () => {
    await compareOn(corpusClip);
  });

  it(`agrees on a generated clip within ${MAX_PX} px (mean ${MEAN_PX} px), grey frames bit for bit`, async () => {
    await compareOn(await makeClip({ name: 'flow-motion', seconds: 1, fps: '25', width: 320, height: 240, source: 'testsrc2' }));
  });
});

async function compareOn(source: string): Promise<void> {
  const { width, height, bound } = DEFAULT_FLOW;
  const frames: Buffer[] = [];
  for await (const frame of decodeFrames(source, { width, height, maxFrames: FRAMES })) frames.push(frame.data);
  expect(frames).toHaveLength(FRAMES);

  const dir = tmpDir('flow');
  const files = { frames: path.join(dir, 'frames.rgb'), flows: path.join(dir, 'flows.f32'), greys: path.join(dir, 'greys.u8') };
  writeFileSync(files.frames, Buffer.concat(frames));
  const args = [REFERENCE, '--frames', files.frames, '--width', String(width), '--height', String(height)];
  args.push('--flow', JSON.stringify(DEFAULT_FLOW), '--out', files.flows, '--grey-out', files.greys, '--threads', '1');
  const { stdout } = await run(PYTHON, args);
  const python = JSON.parse(stdout) as { pairs: number; msPerPair: number; opencv: string };
  const pythonFlows = new Float32Array(new Uint8Array(readFileSync(files.flows)).buffer);
  const pythonGreys = new Uint8Array(readFileSync(files.greys));
  expect(python.pairs).toBe(FRAMES - 1);

  const computer = await createFlowComputer(DEFAULT_FLOW);
  try {
    const pixels = width * height;
    for (let f = 0; f < FRAMES; f++) {
      expect(computer.grey(frames[f]!, width, height)).toEqual(pythonGreys.subarray(f * pixels, (f + 1) * pixels));
    }
    computer.flow(frames[0]!, frames[1]!, width, height); // warm-up, outside the timing
    let largestDifference = 0;
    let totalDifference = 0;
    let largestMotion = 0;
    let elapsed = 0;
    for (let pair = 0; pair + 1 < FRAMES; pair++) {
      const started = performance.now();
      const ours = computer.flow(frames[pair]!, frames[pair + 1]!, width, height);
      elapsed += performance.now() - started;
      const theirs = pythonFlows.subarray(pair * 2 * pixels, (pair + 1) * 2 * pixels);
      for (let i = 0; i < ours.length; i++) {
        const difference = Math.abs(ours[i]! - theirs[i]!) * bound;
        largestDifference = Math.max(largestDifference, difference);
        totalDifference += difference;
        largestMotion = Math.max(largestMotion, Math.abs(theirs[i]!) * bound);
      }
    }
    const msPerPair = elapsed / (FRAMES - 1);
    const meanDifference = totalDifference / ((FRAMES - 1) * 2 * pixels);
    console.info(
      `flow ${width}x${height} on ${path.basename(source)}, ${FRAMES - 1} pairs: |TS − Python| max ${largestDifference.toExponential(2)} px, ` +
        `mean ${meanDifference.toExponential(2)} px ` +
        `(largest motion ${largestMotion.toFixed(1)} px); OpenCV.js ${msPerPair.toFixed(2)} ms/pair, ` +
        `python3-opencv ${python.opencv} ${python.msPerPair.toFixed(2)} ms/pair (1 thread)`,
    );
    expect(largestMotion).toBeGreaterThan(0.5); // the frames really move
    expect(largestDifference).toBeLessThan(MAX_PX);
    expect(meanDifference).toBeLessThan(MEAN_PX);
  } finally {
    computer.dispose();
  }
}

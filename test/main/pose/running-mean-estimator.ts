/** A small deterministic pose estimator for tests of the store, queue and contract side of pose runs (see pose-job.test.ts). */
import type { CreatePoseEstimator, PoseEstimator } from '../../../src/main/core/pose/estimator-api.js';
import { KEYPOINT_COUNT } from '../../../src/shared/pose.js';

/**
 * One "person" whose nose x is the running mean of the frames' mean red value so far: its output
 * depends on every earlier frame, as a tracker's does, so a resume without the state would differ.
 * A second track appears on frames whose mean red is above the running mean.
 */
export const runningMeanEstimator: CreatePoseEstimator = () => {
  let sum = 0;
  let count = 0;
  const estimator: PoseEstimator = {
    provider: 'cpu',
    notices: [],
    lastInferMs: 0,
    estimate({ frame, time, width, height, rgb }) {
      let red = 0;
      for (let i = 0; i < rgb.length; i += 3) red += rgb[i]!;
      red /= width * height;
      sum += red;
      count += 1;
      const keypoints = new Float32Array(KEYPOINT_COUNT * 3).fill(0.5);
      keypoints[0] = sum / count;
      keypoints[1] = height / 2;
      const people = [{ trackId: 1, box: { x: 0, y: 0, width, height }, score: 0.9, keypoints }];
      if (red > sum / count) people.push({ trackId: 2, box: { x: 1, y: 1, width: 2, height: 2 }, score: 0.6, keypoints: keypoints.slice() });
      return Promise.resolve({ frame, time, people });
    },
    reset: () => void ((sum = 0), (count = 0)),
    snapshot: () => new Uint8Array(new Float64Array([sum, count]).buffer),
    restore: (state) => {
      const values = new Float64Array(state.slice().buffer);
      sum = values[0]!;
      count = values[1]!;
    },
    close: () => Promise.resolve(),
  };
  return Promise.resolve(estimator);
};


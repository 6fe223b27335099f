/** Running the estimator over decoded frames, and simple plausibility checks on poses. */
import { createPoseEstimator } from '../../../src/main/core/pose/estimator.js';
import type { PersonPose, PoseFrame, PoseSettings } from '../../../src/shared/pose.js';

/** Every frame through one estimator, in order (frame i at time i / fps). */
export async function estimateAll(settings: PoseSettings, frames: Uint8Array[], width: number, height: number, fps = 30): Promise<PoseFrame[]> {
  const estimator = await createPoseEstimator({ settings });
  try {
    const poses: PoseFrame[] = [];
    for (let i = 0; i < frames.length; i++) poses.push(await estimator.estimate({ frame: i, time: i / fps, width, height, rgb: frames[i]! }));
    return poses;
  } finally {
    await estimator.close();
  }
}

/** Nose above the hips' midpoint, both confidently found (image y grows downwards). */
export function headAboveHips(person: PersonPose): boolean {
  const k = person.keypoints;
  const noseY = k[1]!;
  const hipY = (k[3 * 11 + 1]! + k[3 * 12 + 1]!) / 2;
  return k[2]! > 0.3 && k[3 * 11 + 2]! > 0.3 && k[3 * 12 + 2]! > 0.3 && noseY < hipY;
}

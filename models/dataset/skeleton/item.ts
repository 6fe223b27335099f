/**
 * One motion item for the skeleton families: the generator's kinematic timeline (the same motions
 * and sequence plans as the rendered videos), its COCO-17 points seen through a sampled camera,
 * and a class per frame. No pixels are drawn, so thousands of items take seconds.
 */
import type { DefaultAction } from '../../../src/shared/actions.js';
import { FRAME_RATES } from '../format.js';
import { sampleBody, type Body } from '../pose.js';
import { Rng } from '../rng.js';
import { planSequence, type PlannedAction } from '../sequence-plan.js';
import { buildTimeline } from '../timeline.js';
import { COCO_COUNT, cocoPoints } from './coco.js';
import { project, sampleCamera, worldXZ, type CameraPlan } from './camera.js';

/** Items are made at 30 fps; the training code resamples them to other rates and speeds. */
export const SKELETON_FPS = FRAME_RATES.find((f) => f.label === '30') ?? FRAME_RATES[0]!;

export interface SkeletonItem {
  kind: 'clip' | 'sequence';
  label?: DefaultAction;
  camera: CameraPlan;
  frames: number;
  /** frames × 17 × (u px, v px, depth relative to the pelvis in heights; + is farther). */
  points: Float32Array;
  /** Class index (into `classes`) per frame. */
  labels: Uint8Array;
  segments: { label: DefaultAction; startFrame: number; endFrame: number }[];
}

/** sampleBody's few percent, widened: children, broad and narrow builds. */
function variedBody(rng: Rng): Body {
  const body = sampleBody(rng);
  body.shoulderHalf *= rng.range(0.85, 1.2);
  body.hipHalf *= rng.range(0.85, 1.2);
  body.upperArm *= rng.range(0.94, 1.06);
  body.forearm *= rng.range(0.94, 1.06);
  return body;
}

export function makeSkeletonItem(seed: number, kind: 'clip' | 'sequence', classes: readonly DefaultAction[], label?: DefaultAction): SkeletonItem {
  const rng = new Rng(seed);
  const motionRng = rng.fork('motion');
  const body = variedBody(rng.fork('figure'));
  const plan: PlannedAction[] = kind === 'clip' ? [{ label: label as DefaultAction, seconds: motionRng.range(2, 4.5) }] : planSequence(motionRng, classes);
  const timeline = buildTimeline(motionRng, body, SKELETON_FPS, 1, plan, kind === 'sequence');

  const local = timeline.poses.map((pose) => cocoPoints(body, pose, new Float64Array(COCO_COUNT * 3)));
  const pelvis = timeline.poses.map((p) => [p.x, p.y, 0]);
  const travel = Math.max(0, ...timeline.poses.map((p) => Math.abs(p.x)));
  const camera = sampleCamera(rng.fork('camera'), travel);

  const frames = timeline.frameCount;
  const points = new Float32Array(frames * COCO_COUNT * 3);
  for (let i = 0; i < frames; i++) {
    const pv = pelvis[i] as number[];
    const [px, pz] = worldXZ(camera, pv[0] as number, 0);
    project(camera, local[i] as Float64Array, COCO_COUNT, pv, [camera.follow * px, camera.follow * pz], points, i * COCO_COUNT * 3);
  }
  const labels = new Uint8Array(frames);
  for (const seg of timeline.segments) labels.fill(classes.indexOf(seg.label), seg.startFrame, seg.endFrame);
  const segments = timeline.segments.map((s) => ({ label: s.label, startFrame: s.startFrame, endFrame: s.endFrame }));
  return { kind, label, camera, frames, points, labels, segments };
}

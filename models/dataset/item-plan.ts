/**
 * Everything about one item decided up front from its seed: format, actions and poses, figure,
 * scene, camera, post-processing, and the labels (per-frame class, figure box, joints). Rendering
 * then only draws what is planned here, frame by frame, in any order.
 */
import type { DefaultAction } from '../../src/shared/actions.js';
import { sampleAppearance, type Appearance } from './appearance.js';
import { makeBackdrop, type Backdrop } from './background.js';
import { planPlacement, type Placement } from './camera-plan.js';
import type { CameraFrame, Distractor } from './compose.js';
import { cos, rad } from './detmath.js';
import { drawFigure, type FigureDraw } from './figure.js';
import { FRAME_RATES, frameTime, sampleSize, type FrameRate, type SizeLimits } from './format.js';
import { sampleBody, type Body } from './pose.js';
import { hsv } from './appearance.js';
import type { Lighting } from './post.js';
import { Rng, deriveSeed } from './rng.js';
import { planSequence, type PlannedAction } from './sequence-plan.js';
import { JOINT_NAMES, P, POINT_COUNT, jointPointIndices, solveSkeleton } from './skeleton.js';
import { buildTimeline, type Timeline } from './timeline.js';

export type Split = 'train' | 'val' | 'test';

export interface ItemSpec {
  id: string;
  split: Split;
  kind: 'clip' | 'sequence';
  seed: number;
  /** The clip's class (clips only). */
  label?: DefaultAction;
  classes: readonly DefaultAction[];
  sizes: SizeLimits;
}

/** Test hooks: pin what would otherwise be drawn. */
export interface PlanOverrides {
  yawDeg?: number;
  staticCamera?: boolean;
  size?: [number, number];
}

export interface ItemPlan {
  spec: ItemSpec;
  width: number;
  height: number;
  fps: FrameRate;
  crf: number;
  timeline: Timeline;
  body: Body;
  look: Appearance;
  yaw: number;
  facing: 1 | -1;
  placement: Placement;
  /** Projected skeleton per frame in screen pixels (x, y, depth triples). */
  screenPoints: Float64Array[];
  backdrop: Backdrop;
  distractors: Distractor[];
  lighting: (t: number) => Lighting;
  noiseSigma: number;
  blur: 0 | 1 | 2;
}

/** Heights: how far the drawn figure reaches beyond its joint centres (head, hair, limbs). */
const REACH_X = 0.09;
const REACH_TOP = 0.08;

export function planItem(spec: ItemSpec, overrides: PlanOverrides = {}): ItemPlan {
  const rng = new Rng(spec.seed);
  const formatRng = rng.fork('format');
  const figureRng = rng.fork('figure');
  const motionRng = rng.fork('motion');
  const cameraRng = rng.fork('camera');
  const sceneRng = rng.fork('scene');
  const postRng = rng.fork('post');

  const fps = formatRng.pick(FRAME_RATES);
  const [width, height] = overrides.size ?? sampleSize(formatRng, spec.sizes);
  const crf = formatRng.int(18, 35);

  const plan: PlannedAction[] = spec.kind === 'clip' ? [{ label: spec.label as DefaultAction, seconds: motionRng.range(2, 4) }] : planSequence(motionRng, spec.classes);
  const moves = plan.some((a) => a.label === 'walk' || a.label === 'run');
  // Seen from the side or turned up to 45° (30° for walk/run, whose strides shorten when turned).
  const yaw = rad(overrides.yawDeg ?? figureRng.range(-1, 1) * (moves ? 30 : 45));
  const facing: 1 | -1 = figureRng.chance(0.5) ? 1 : -1;
  const body = sampleBody(figureRng);
  const timeline = buildTimeline(motionRng, body, fps, 1 / cos(yaw), plan, spec.kind === 'sequence');

  const skeletons = timeline.poses.map((pose) => solveSkeleton(body, pose, yaw, new Float64Array(POINT_COUNT * 3)));
  const ext = { rootX: new Float64Array(skeletons.length), relMinX: Infinity, relMaxX: -Infinity, minY: 0, maxY: -Infinity };
  skeletons.forEach((s, i) => {
    const root = facing * (s[P.pelvis * 3] as number);
    ext.rootX[i] = root;
    for (let j = 0; j < POINT_COUNT; j++) {
      const rel = facing * (s[j * 3] as number) - root;
      ext.relMinX = Math.min(ext.relMinX, rel - REACH_X);
      ext.relMaxX = Math.max(ext.relMaxX, rel + REACH_X);
      ext.maxY = Math.max(ext.maxY, (s[j * 3 + 1] as number) + REACH_TOP);
      ext.minY = Math.min(ext.minY, (s[j * 3 + 1] as number) - 0.05);
    }
  });
  const seconds = (i: number): number => frameTime(fps, i);
  const placement = planPlacement(cameraRng, ext, width, height, seconds, overrides.staticCamera);
  const screenPoints = skeletons.map((s, i) => toScreen(s, placement, placement.cameras[i] as CameraFrame, facing, width, height));

  const backdrop = makeBackdrop(sceneRng, width, height, placement.groundY);
  const look = sampleAppearance(figureRng.fork('look'), backdrop.mean);
  const distractors: Distractor[] = [];
  const distractorCount = sceneRng.chance(0.5) ? 0 : sceneRng.int(1, 3);
  for (let i = 0; i < distractorCount; i++) {
    distractors.push({
      x: sceneRng.range(0, width),
      y: sceneRng.range(0, height),
      vx: sceneRng.range(-0.3, 0.3) * width,
      vy: sceneRng.range(-0.15, 0.15) * height,
      size: sceneRng.range(0.05, 0.25) * height,
      colour: hsv(sceneRng.float(), sceneRng.range(0.2, 1), sceneRng.range(0.2, 1)),
      shapeSeed: deriveSeed(spec.seed, 'distractor', i),
    });
  }

  const base: Lighting = { brightness: postRng.range(-40, 30), contrast: postRng.range(0.65, 1.25), gains: [postRng.range(0.88, 1.12), postRng.range(0.88, 1.12), postRng.range(0.88, 1.12)] };
  const drift = postRng.range(-15, 15);
  const total = seconds(timeline.frameCount);
  const lighting = (t: number): Lighting => ({ ...base, brightness: base.brightness + drift * (t / total) });
  const noiseSigma = postRng.chance(0.3) ? 0 : postRng.range(1, 8);
  const blurDraw = postRng.float();
  const blur: 0 | 1 | 2 = blurDraw < 0.55 ? 0 : blurDraw < 0.9 ? 1 : 2;
  return { spec, width, height, fps, crf, timeline, body, look, yaw, facing, placement, screenPoints, backdrop, distractors, lighting, noiseSigma, blur };
}

/** Skeleton (heights) to screen pixels through the placement and this frame's camera. */
function toScreen(s: Float64Array, pl: Placement, cam: CameraFrame, facing: 1 | -1, width: number, height: number): Float64Array {
  const out = new Float64Array(s.length);
  for (let j = 0; j < POINT_COUNT; j++) {
    const wx = pl.baseX + facing * (s[j * 3] as number) * pl.scale;
    const wy = pl.groundY - (s[j * 3 + 1] as number) * pl.scale;
    out[j * 3] = width / 2 + (wx - cam.cx) * cam.zoom + cam.shakeX;
    out[j * 3 + 1] = height / 2 + (wy - cam.cy) * cam.zoom + cam.shakeY;
    out[j * 3 + 2] = s[j * 3 + 2] as number;
  }
  return out;
}

export function figureDraw(plan: ItemPlan, frame: number): FigureDraw {
  const cam = plan.placement.cameras[frame] as CameraFrame;
  return { points: plan.screenPoints[frame] as Float64Array, scale: plan.placement.scale * cam.zoom, facing: plan.facing, yaw: plan.yaw, body: plan.body, look: plan.look };
}

const round4 = (v: number): number => Math.round(v * 10000) / 10000;

/** Per-frame labels as the item JSON stores them (coordinates normalised to 0..1, 4 decimals). */
export function itemLabels(plan: ItemPlan): { frameLabels: number[]; figureBoxes: number[][]; joints: number[][][] } {
  const { width: W, height: H } = plan;
  const frameLabels: number[] = [];
  for (const seg of plan.timeline.segments) for (let i = seg.startFrame; i < seg.endFrame; i++) frameLabels.push(plan.spec.classes.indexOf(seg.label));
  const order = jointPointIndices(plan.facing);
  const figureBoxes: number[][] = [];
  const joints: number[][][] = [];
  for (let i = 0; i < plan.timeline.frameCount; i++) {
    const [x0, y0, x1, y1] = drawFigure(null, figureDraw(plan, i));
    const clip = (v: number, max: number): number => round4(Math.min(max, Math.max(0, v)) / max);
    figureBoxes.push([clip(x0, W), clip(y0, H), clip(x1, W), clip(y1, H)]);
    const pts = plan.screenPoints[i] as Float64Array;
    joints.push(order.map((p) => [round4((pts[p * 3] as number) / W), round4((pts[p * 3 + 1] as number) / H)]));
  }
  return { frameLabels, figureBoxes, joints };
}

export { JOINT_NAMES };

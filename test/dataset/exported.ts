/**
 * Test helper: plan one clip with a still camera and read back what its item JSON exports, with
 * joints converted to standing heights (x along the screen, y up from the ground line).
 */
import { DEFAULT_ACTIONS, type DefaultAction } from '../../src/shared/actions.js';
import { DEFAULT_SIZES } from '../../models/dataset/format.js';
import { itemJson } from '../../models/dataset/item.js';
import { planItem, type ItemPlan } from '../../models/dataset/item-plan.js';
import { standingPose } from '../../models/dataset/pose.js';
import { deriveSeed } from '../../models/dataset/rng.js';

export interface Point {
  x: number;
  y: number;
}

export interface ExportedClip {
  plan: ItemPlan;
  item: {
    frameCount: number;
    fps: string;
    width: number;
    height: number;
    jointNames: string[];
    joints: number[][][];
    scene: { figureHeight: number; actions: Record<string, number | string>[] };
  };
  fps: number;
  /** Joint `name` in frame f, in standing heights. */
  at(f: number, name: string): Point;
  /** Midpoint of the left and right joints called `name` (e.g. 'hip'). */
  mid(f: number, name: string): Point;
  /** Ankle height of a standing figure above the ground, and its standing hip height. */
  ankleHeight: number;
  standingHip: number;
}

export function exportedClip(label: DefaultAction, k: number, yawDeg = 0): ExportedClip {
  const spec = { id: 't', split: 'train' as const, kind: 'clip' as const, seed: deriveSeed('kinematics', label, k), label, classes: DEFAULT_ACTIONS, sizes: DEFAULT_SIZES };
  const plan = planItem(spec, { yawDeg, staticCamera: true, size: [320, 240] });
  const item = JSON.parse(itemJson(plan)) as ExportedClip['item'];
  const scale = item.scene.figureHeight * item.height; // pixels per standing height
  const [num, den] = item.fps.split('/').map(Number) as [number, number?];
  // Ground line: the lowest any ankle gets is a planted foot, an ankle height above the soles.
  const ankleIndex = item.jointNames.indexOf('left_ankle');
  let lowest = -Infinity;
  for (const frame of item.joints) lowest = Math.max(lowest, (frame[ankleIndex] as number[])[1] as number, (frame[ankleIndex + 3] as number[])[1] as number);
  const groundPx = lowest * item.height + plan.body.ankle * scale;
  const at = (f: number, name: string): Point => {
    const [x, y] = (item.joints[f] as number[][])[item.jointNames.indexOf(name)] as [number, number];
    return { x: (x * item.width) / scale, y: (groundPx - y * item.height) / scale };
  };
  return {
    plan,
    item,
    fps: num / (den ?? 1),
    at,
    mid: (f, name) => {
      const l = at(f, `left_${name}`);
      const r = at(f, `right_${name}`);
      return { x: (l.x + r.x) / 2, y: (l.y + r.y) / 2 };
    },
    ankleHeight: plan.body.ankle,
    standingHip: standingPose(plan.body).y,
  };
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Angle (degrees) of the segment a→b from straight down, positive towards +x. */
export function angleFromDown(a: Point, b: Point): number {
  return (Math.atan2(b.x - a.x, a.y - b.y) * 180) / Math.PI;
}

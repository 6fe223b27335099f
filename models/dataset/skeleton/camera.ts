/**
 * A pinhole camera around the figure: any yaw (the whole circle, not only side views), camera
 * height and pitch, distance, focal length and frame size, a figure anywhere in the frame (also
 * partly outside it), and a camera that stays put, pans after the figure, or follows it exactly.
 * World: y up, the figure starts at the origin facing +x before the yaw turns it.
 */
import { cos, sin, clamp } from '../detmath.js';
import type { Rng } from '../rng.js';

/** Frame sizes people film at: landscape webcams and phones, portrait phones, small archives. */
const SIZES: readonly [number, number][] = [
  [160, 120], [320, 240], [426, 240], [640, 360], [640, 480], [854, 480], [1280, 720], [1920, 1080],
  [406, 720], [360, 640], [720, 1280], [480, 480], [420, 420],
];

export interface CameraPlan {
  width: number;
  height: number;
  yaw: number;
  /** Camera position (x, y, z) and pitch (rad, + looks down). */
  position: [number, number, number];
  pitch: number;
  /** Focal length in pixels and the image point the optical axis goes through. */
  focal: number;
  principal: [number, number];
  /** 0: static; 1: the camera moves with the pelvis (a tracking shot); between: lags behind. */
  follow: number;
}

/** `travel`: how far (heights) the figure's pelvis moves forward over the item. */
export function sampleCamera(rng: Rng, travel: number): CameraPlan {
  const [w, h] = rng.pick(SIZES);
  const yaw = rng.range(-Math.PI, Math.PI);
  const travels = travel > 0.5;
  // Mostly a static camera (the figure's translation is then a cue), sometimes a pan that lags, now
  // and then a tracking shot. [Note: with tracking shots in 40% of walks, a walk seen from the front
  // looked like idle and the GRU learnt walk at 10% on the synthetic test.]
  const draw = rng.float();
  const follow = !travels || draw < 0.7 ? 0 : draw < 0.9 ? rng.range(0.3, 0.9) : 1;
  // A figure walking towards the camera must not reach it: keep 2 heights in hand.
  const towards = Math.max(0, sin(yaw)) * travel * (1 - follow);
  const distance = Math.max(rng.range(2.2, 9), 2 + towards);
  const camY = rng.range(0.25, 1.9);
  const aimY = rng.range(0.35, 0.65);
  const pitch = Math.atan2(camY - aimY, distance) + rng.range(-0.08, 0.08);
  // Figure height as a share of the frame's height: small in the distance to a near close-up.
  const share = rng.chance(0.1) ? rng.range(0.9, 1.15) : rng.range(0.22, 0.88);
  const focal = (share * h * distance) / 1.0;
  // Where the figure stands in the frame: anywhere, now and then partly over an edge.
  const spread = rng.chance(0.15) ? 0.45 : 0.3;
  const principal: [number, number] = [w * (0.5 + rng.range(-spread, spread)), h * (0.5 + rng.range(-0.15, 0.15))];
  return { width: w, height: h, yaw, position: [0, camY, distance], pitch, focal, principal, follow };
}

/**
 * Projects figure-frame points (x forward, y up, z right) placed at the figure's root offset to
 * pixels: writes (u, v, depth relative to the pelvis, in heights) per point into `out`.
 */
export function project(cam: CameraPlan, pts: Float64Array, count: number, pelvis: readonly number[], camShift: readonly [number, number], out: Float32Array, offset: number): void {
  const yc = cos(cam.yaw);
  const ys = sin(cam.yaw);
  const pc = cos(cam.pitch);
  const psn = sin(cam.pitch);
  const cx = cam.position[0] + camShift[0];
  const cy = cam.position[1];
  const cz = cam.position[2] + camShift[1];
  const depthOf = (y: number, z: number): number => -psn * (y - cy) - pc * (z - cz);
  const pelvisDepth = depthOf(pelvis[1] as number, (pelvis[0] as number) * ys + (pelvis[2] as number) * yc);
  for (let i = 0; i < count; i++) {
    const lx = pts[i * 3] as number;
    const ly = pts[i * 3 + 1] as number;
    const lz = pts[i * 3 + 2] as number;
    // Turn about the vertical by the yaw, then look from the camera.
    const wx = lx * yc - lz * ys;
    const wz = lx * ys + lz * yc;
    const vx = wx - cx;
    const vy = ly - cy;
    const vz = wz - cz;
    const depth = clamp(-psn * vy - pc * vz, 0.2, 1e9);
    const up = pc * vy - psn * vz;
    out[offset + i * 3] = cam.principal[0] + (cam.focal * vx) / depth;
    out[offset + i * 3 + 1] = cam.principal[1] - (cam.focal * up) / depth;
    out[offset + i * 3 + 2] = depth - pelvisDepth;
  }
}

/** The pelvis's world (x, z) under the yaw, for cameras that move after the figure. */
export function worldXZ(cam: CameraPlan, x: number, z: number): [number, number] {
  return [x * cos(cam.yaw) - z * sin(cam.yaw), x * sin(cam.yaw) + z * cos(cam.yaw)];
}

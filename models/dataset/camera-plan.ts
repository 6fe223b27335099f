/**
 * Where the figure goes in the frame and how the camera moves. The figure's whole motion is known
 * before anything is drawn, so the figure can be sized (35–85% of the frame height) and placed
 * anywhere in the frame such that it stays in view; a camera that pans along with it is used when
 * its travel would not fit (runs cover up to 2.5 heights a second).
 */
import { TAU, ease, sin } from './detmath.js';
import type { CameraFrame } from './compose.js';
import type { Rng } from './rng.js';

/** The figure's motion in heights, with x already mirrored for the facing direction. */
export interface FigureExtent {
  /** Pelvis x per frame. */
  rootX: Float64Array;
  /** Extent of the figure around its pelvis over all frames (heights, radii included). */
  relMinX: number;
  relMaxX: number;
  minY: number;
  maxY: number;
}

export interface Placement {
  /** Pixels per standing height at zoom 1, and the fraction of the frame height that is. */
  scale: number;
  figureHeight: number;
  /** Screen x of world x = 0 and the ground line's y, at zoom 1. */
  baseX: number;
  groundY: number;
  cameras: CameraFrame[];
  mode: 'static' | 'pan' | 'zoom' | 'follow';
  zoom: number;
  panPixels: number;
  shakePixels: number;
}

const MARGIN = 0.04;

export function planPlacement(rng: Rng, ext: FigureExtent, width: number, height: number, seconds: (i: number) => number, forceStatic = false): Placement {
  const frames = ext.rootX.length;
  const span = ext.maxY - ext.minY;
  const relWidth = ext.relMaxX - ext.relMinX;
  const fracMax = Math.max(0.2, Math.min(0.85, 0.92 / span, ((1 - 2 * MARGIN) * width) / (relWidth * height)));
  const figureHeight = rng.range(Math.min(0.35, fracMax), fracMax);
  const scale = figureHeight * height;

  let rootMin = Infinity;
  let rootMax = -Infinity;
  for (const x of ext.rootX) {
    rootMin = Math.min(rootMin, x);
    rootMax = Math.max(rootMax, x);
  }
  // Slight shake (a few pixels at most) also needs room at the sides.
  const shake = !forceStatic && rng.chance(0.35) ? rng.range(0.3, 1.5) * (height / 240) : 0;
  const available = (1 - 2 * MARGIN) * width - relWidth * scale - 2 * shake;
  const travel = (rootMax - rootMin) * scale;
  // (forceStatic, a test hook, keeps the camera still even if the figure then walks out of view.)
  const needsFollow = !forceStatic && travel > Math.max(0, available);
  // Zoom keeps the figure between 35% and 85% of the frame height.
  const zoomLo = Math.max(0.9, 0.35 / figureHeight);
  const zoomHi = Math.min(1.12, 0.85 / figureHeight);
  const mode: Placement['mode'] = needsFollow ? 'follow' : forceStatic ? 'static' : rng.pick(['static', 'static', 'pan', 'zoom'] as const);
  let zoom = mode === 'zoom' ? rng.range(zoomLo, zoomHi) : 1;
  let pan = mode === 'pan' ? rng.sign() * rng.range(0.03, 0.12) * width : 0;
  const shakeWaves = [rng.range(2, 6), rng.range(0, TAU), rng.range(2, 6), rng.range(0, TAU), rng.range(2, 6), rng.range(0, TAU)] as const;
  const follow = needsFollow ? 1 - Math.max(0, available) / travel : 0;
  const total = seconds(frames - 1) || 1;
  const groundLo = MARGIN * height + ext.maxY * scale;
  const groundHi = height * (1 - MARGIN) + ext.minY * scale;
  const groundY = groundLo <= groundHi ? rng.range(groundLo, groundHi) : (groundLo + groundHi) / 2;
  const baseU = rng.float();


  // Pan/follow at zoom 1 first: where may the figure go so that it stays in view throughout?
  const times = Array.from({ length: frames }, (_, i) => seconds(i));
  const shakes = times.map((t) => [
    shake * (sin(TAU * shakeWaves[0] * t + shakeWaves[1]) * 0.7 + sin(TAU * shakeWaves[4] * t + shakeWaves[5]) * 0.3),
    shake * sin(TAU * shakeWaves[2] * t + shakeWaves[3]),
  ]);
  let centres: number[] = [];
  let lo = 0;
  let hi = 0;
  let room = -1;
  for (let attempt = 0; ; attempt++) {
    centres = times.map((t, i) => width / 2 + pan * ease(t / total) + follow * ((ext.rootX[i] as number) - (ext.rootX[0] as number)) * scale);
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < frames; i++) {
      const root = (ext.rootX[i] as number) * scale - (centres[i] as number) + width / 2;
      lo = Math.min(lo, root + ext.relMinX * scale);
      hi = Math.max(hi, root + ext.relMaxX * scale);
    }
    room = (1 - 2 * MARGIN) * width - (hi - lo) - 2 * shake;
    if (room >= 0 || pan === 0 || attempt >= 5) break;
    pan = attempt === 4 ? 0 : pan / 2;
  }
  const baseX = MARGIN * width + shake - lo + Math.max(0, room) * baseU;

  // Then zoom about the figure's own centre, calming the zoom down if the figure would leave the frame.
  const figureMidY = groundY - ((ext.maxY + ext.minY) / 2) * scale;
  const figureMidX = baseX + (lo + hi) / 2;
  for (let attempt = 0; ; attempt++) {
    const cameras: CameraFrame[] = [];
    let inside = true;
    for (let i = 0; i < frames; i++) {
      const z = 1 + (zoom - 1) * ease((times[i] as number) / total);
      const [shakeX, shakeY] = shakes[i] as [number, number];
      const cam: CameraFrame = {
        cx: (centres[i] as number) + (width / 2 - figureMidX) * (1 / z - 1),
        cy: height / 2 + (height / 2 - figureMidY) * (1 / z - 1),
        zoom: z,
        shakeX,
        shakeY,
      };
      cameras.push(cam);
      const root = baseX + (ext.rootX[i] as number) * scale;
      const x0 = width / 2 + (root + ext.relMinX * scale - cam.cx) * z + shakeX;
      const x1 = width / 2 + (root + ext.relMaxX * scale - cam.cx) * z + shakeX;
      const y0 = height / 2 + (groundY - ext.maxY * scale - cam.cy) * z + shakeY;
      const y1 = height / 2 + (groundY - ext.minY * scale - cam.cy) * z + shakeY;
      if (x0 < -1 || y0 < -1 || x1 > width + 1 || y1 > height + 1) inside = false;
    }
    if (inside || attempt >= 3 || zoom === 1) {
      const finalMode = mode === 'zoom' && zoom === 1 ? 'static' : mode;
      return { scale, figureHeight, baseX, groundY, cameras, mode: finalMode, zoom, panPixels: pan, shakePixels: shake };
    }
    zoom = attempt === 2 ? 1 : 1 + (zoom - 1) / 2;
  }
}

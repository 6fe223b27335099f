/**
 * Draws the articulated figure from its projected skeleton: head, torso, upper and lower arms,
 * hands, thighs, shins and feet as filled capsules, far parts first (painter's algorithm by depth).
 * Half-thicknesses are in standing heights (adult proportions), scaled by the figure's bulk.
 */
import type { Appearance, PartColour } from './appearance.js';
import { cos, sin } from './detmath.js';
import type { Body } from './pose.js';
import { fillCapsule, type Image, type Rgb } from './raster.js';
import { P } from './skeleton.js';

interface PartSpec {
  a: number;
  b: number;
  ra: number;
  rb: number;
  colour: PartColour;
  far: boolean;
  /** Tie-breaker added to the depth so e.g. the hand lies over its forearm. */
  bias: number;
  bulky: boolean;
}

const part = (a: number, b: number, ra: number, rb: number, colour: PartColour, far: boolean, bias = 0, bulky = true): PartSpec => ({ a, b, ra, rb, colour, far, bias, bulky });

function limbParts(far: boolean): PartSpec[] {
  const [sh, el, wr, hand, hip, knee, ankle, heel, toe] = far
    ? [P.shoulderF, P.elbowF, P.wristF, P.handF, P.hipF, P.kneeF, P.ankleF, P.heelF, P.toeF]
    : [P.shoulderN, P.elbowN, P.wristN, P.handN, P.hipN, P.kneeN, P.ankleN, P.heelN, P.toeN];
  return [
    part(hip, knee, 0.056, 0.041, 'trousers', far, 0),
    part(knee, ankle, 0.04, 0.028, 'shin', far, 0.001),
    part(heel, toe, 0.022, 0.017, 'shoe', far, 0.002),
    part(sh, el, 0.034, 0.029, 'sleeve', far, 0.003),
    part(el, wr, 0.028, 0.022, 'forearm', far, 0.004),
    part(hand, hand, 0.026, 0.026, 'skin', far, 0.005, false),
  ];
}

const LIMBS = [...limbParts(true), ...limbParts(false)];

export interface FigureDraw {
  /** Projected points: x, y in pixels, depth in heights (POINT_COUNT triples). */
  points: Float64Array;
  /** Pixels per standing height on screen (includes the camera's zoom). */
  scale: number;
  /** Screen direction the figure faces: +1 right, -1 left. */
  facing: 1 | -1;
  yaw: number;
  body: Body;
  look: Appearance;
}

interface Drawable {
  ax: number;
  ay: number;
  ar: number;
  bx: number;
  by: number;
  br: number;
  colour: Rgb;
  depth: number;
}

/** The figure's capsules in drawing order; also what its bounding box is computed from. */
export function figureShapes(f: FigureDraw): Drawable[] {
  const { points: pts, scale, body, look } = f;
  const x = (i: number): number => pts[i * 3] as number;
  const y = (i: number): number => pts[i * 3 + 1] as number;
  const z = (i: number): number => pts[i * 3 + 2] as number;
  const shade = (c: Rgb, far: boolean): Rgb => (far ? [(c[0] * look.farShade) >> 8, (c[1] * look.farShade) >> 8, (c[2] * look.farShade) >> 8] : c);
  const out: Drawable[] = [];
  const add = (p: PartSpec): void => {
    const k = scale * (p.bulky ? body.bulk : 1);
    out.push({ ax: x(p.a), ay: y(p.a), ar: p.ra * k, bx: x(p.b), by: y(p.b), br: p.rb * k, colour: shade(look.colours[p.colour], p.far), depth: (z(p.a) + z(p.b)) / 2 + p.bias });
  };
  for (const p of LIMBS) add(p);

  // The torso is deeper than wide seen from the side and wider seen from the front.
  const side = Math.abs(cos(f.yaw));
  const front = Math.abs(sin(f.yaw));
  add(part(P.pelvis, P.chest, 0.066 * side + 0.085 * front, 0.07 * side + 0.098 * front, 'shirt', false, 0));
  // Hips in trouser colour over the lower torso.
  const hipTop = { x: x(P.pelvis) * 0.8 + x(P.chest) * 0.2, y: y(P.pelvis) * 0.8 + y(P.chest) * 0.2 };
  const hr = (0.068 * side + 0.087 * front) * scale * body.bulk;
  out.push({ ax: x(P.pelvis), ay: y(P.pelvis), ar: hr, bx: hipTop.x, by: hipTop.y, br: hr, colour: look.colours.trousers, depth: z(P.pelvis) + 0.0005 });
  add(part(P.neck, P.headLow, 0.03, 0.028, 'skin', false, 0.001, false));
  const headR = body.headR * scale * 0.95;
  out.push({ ax: x(P.headLow), ay: y(P.headLow), ar: headR, bx: x(P.headHigh), by: y(P.headHigh), br: headR, colour: look.colours.skin, depth: z(P.head) + 0.002 });
  hair(f, headR, out);
  // Stable sort: equal depths keep the table's order, so drawing never depends on the engine's sort.
  return out.map((d, i) => ({ d, i })).sort((p, q) => p.d.depth - q.d.depth || p.i - q.i).map((p) => p.d);
}

/** Hair covers the top and back of the head (the back is away from the facing direction). */
function hair(f: FigureDraw, r: number, out: Drawable[]): void {
  if (f.look.hair === 'none') return;
  const pts = f.points;
  const hx = pts[P.head * 3] as number;
  const hy = pts[P.head * 3 + 1] as number;
  // Up along the head, and forward perpendicular to it on the facing side.
  let ux = (pts[P.headHigh * 3] as number) - (pts[P.headLow * 3] as number);
  let uy = (pts[P.headHigh * 3 + 1] as number) - (pts[P.headLow * 3 + 1] as number);
  const len = Math.sqrt(ux * ux + uy * uy) || 1;
  ux /= len;
  uy /= len;
  const fx = -uy * f.facing;
  const fy = ux * f.facing;
  const depth = (pts[P.head * 3 + 2] as number) + 0.003;
  const c = f.look.colours.hair;
  const at = (up: number, fwd: number): [number, number] => [hx + (ux * up + fx * fwd) * r, hy + (uy * up + fy * fwd) * r];
  const [ax, ay] = at(0.3, -0.35);
  const [bx, by] = at(0.38, 0.12);
  out.push({ ax, ay, ar: r * 0.8, bx, by, br: r * 0.72, colour: c, depth });
  if (f.look.hair === 'long') {
    const [cx, cy] = at(0.1, -0.55);
    const [dx, dy] = at(-1.5, -0.62);
    out.push({ ax: cx, ay: cy, ar: r * 0.5, bx: dx, by: dy, br: r * 0.38, colour: c, depth: depth - 0.004 });
  }
}

/** Draws the figure; returns its bounding box in pixels [x0, y0, x1, y1] (unclipped). */
export function drawFigure(img: Image | null, f: FigureDraw): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const d of figureShapes(f)) {
    if (img) fillCapsule(img, d.ax, d.ay, d.ar, d.bx, d.by, d.br, d.colour);
    x0 = Math.min(x0, d.ax - d.ar, d.bx - d.br);
    y0 = Math.min(y0, d.ay - d.ar, d.by - d.br);
    x1 = Math.max(x1, d.ax + d.ar, d.bx + d.br);
    y1 = Math.max(y1, d.ay + d.ar, d.by + d.br);
  }
  return [x0, y0, x1, y1];
}

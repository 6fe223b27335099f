/**
 * A tiny rasteriser into RGB24 typed arrays. We draw our own shapes rather than use a canvas
 * library because canvas anti-aliasing and blending differ between builds and platforms, and the
 * dataset must be bit-for-bit reproducible. Shapes are signed-distance functions evaluated only
 * inside their bounding box, with a one-pixel linear edge ramp for anti-aliasing; coverage becomes
 * an integer alpha (0..256) and blending is integer arithmetic. No allocation per pixel.
 */

export interface Image {
  width: number;
  height: number;
  /** RGB24, row-major, no padding. */
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export function createImage(width: number, height: number): Image {
  return { width, height, data: new Uint8Array(width * height * 3) };
}

export function fillImage(img: Image, c: Rgb): void {
  const d = img.data;
  for (let i = 0; i < d.length; i += 3) {
    d[i] = c[0];
    d[i + 1] = c[1];
    d[i + 2] = c[2];
  }
}

/** Blend colour c into pixel index i (byte offset) with alpha 0..256. */
function blend(d: Uint8Array, i: number, c: Rgb, alpha: number): void {
  if (alpha >= 256) {
    d[i] = c[0];
    d[i + 1] = c[1];
    d[i + 2] = c[2];
    return;
  }
  const r = d[i] as number;
  const g = d[i + 1] as number;
  const b = d[i + 2] as number;
  d[i] = r + (((c[0] - r) * alpha) >> 8);
  d[i + 1] = g + (((c[1] - g) * alpha) >> 8);
  d[i + 2] = b + (((c[2] - b) * alpha) >> 8);
}

/** Integer alpha from a signed distance (pixels, negative inside): a one-pixel ramp at the edge. */
function coverage(distance: number, opacity: number): number {
  const cov = 0.5 - distance;
  if (cov <= 0) return 0;
  return cov >= 1 ? opacity : ((cov * opacity + 0.5) | 0);
}

/**
 * A capsule from (ax, ay) with radius ar to (bx, by) with radius br (a cone-ish limb when the
 * radii differ; a disc when the ends coincide). Coordinates in pixels, pixel centres at +0.5.
 */
export function fillCapsule(img: Image, ax: number, ay: number, ar: number, bx: number, by: number, br: number, c: Rgb, opacity = 256): void {
  const { width, height, data } = img;
  const x0 = Math.max(0, Math.floor(Math.min(ax - ar, bx - br) - 1));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(ax + ar, bx + br) + 1));
  const y0 = Math.max(0, Math.floor(Math.min(ay - ar, by - br) - 1));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(ay + ar, by + br) + 1));
  if (x0 > x1 || y0 > y1) return;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const inv = len2 > 1e-12 ? 1 / len2 : 0;
  const dr = br - ar;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5 - ay;
    let i = (y * width + x0) * 3;
    for (let x = x0; x <= x1; x++, i += 3) {
      const px = x + 0.5 - ax;
      let h = (px * dx + py * dy) * inv;
      h = h < 0 ? 0 : h > 1 ? 1 : h;
      const qx = px - h * dx;
      const qy = py - h * dy;
      const dist = Math.sqrt(qx * qx + qy * qy) - (ar + h * dr);
      const alpha = coverage(dist, opacity);
      if (alpha > 0) blend(data, i, c, alpha);
    }
  }
}

/** A rectangle centred at (cx, cy), half-sizes hw × hh, rotated by the angle with cosine/sine (cs, sn). */
export function fillBox(img: Image, cx: number, cy: number, hw: number, hh: number, cs: number, sn: number, c: Rgb, opacity = 256): void {
  const { width, height, data } = img;
  const ex = Math.abs(hw * cs) + Math.abs(hh * sn);
  const ey = Math.abs(hw * sn) + Math.abs(hh * cs);
  const x0 = Math.max(0, Math.floor(cx - ex - 1));
  const x1 = Math.min(width - 1, Math.ceil(cx + ex + 1));
  const y0 = Math.max(0, Math.floor(cy - ey - 1));
  const y1 = Math.min(height - 1, Math.ceil(cy + ey + 1));
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5 - cy;
    let i = (y * width + x0) * 3;
    for (let x = x0; x <= x1; x++, i += 3) {
      const px = x + 0.5 - cx;
      const qx = Math.abs(px * cs + py * sn) - hw;
      const qy = Math.abs(-px * sn + py * cs) - hh;
      const ox = qx > 0 ? qx : 0;
      const oy = qy > 0 ? qy : 0;
      const dist = Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0);
      const alpha = coverage(dist, opacity);
      if (alpha > 0) blend(data, i, c, alpha);
    }
  }
}

/** A triangle by its corners (any winding). */
export function fillTriangle(img: Image, pts: readonly [number, number, number, number, number, number], c: Rgb, opacity = 256): void {
  const { width, height, data } = img;
  const [ax, ay, bx, by, cx, cy] = pts;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx, cx) - 1));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx, cx) + 1));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by, cy) - 1));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by, cy) + 1));
  const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (Math.abs(area) < 1e-9) return;
  const s = area > 0 ? 1 : -1;
  // Edge functions normalised to pixel distances; the inside distance is the max over edges.
  const edges = [
    [ax, ay, bx, by],
    [bx, by, cx, cy],
    [cx, cy, ax, ay],
  ].map(([px, py, qx, qy]) => {
    const ex = (qx as number) - (px as number);
    const ey = (qy as number) - (py as number);
    const len = Math.sqrt(ex * ex + ey * ey);
    return { px: px as number, py: py as number, nx: (s * ey) / len, ny: (-s * ex) / len };
  });
  for (let y = y0; y <= y1; y++) {
    let i = (y * width + x0) * 3;
    for (let x = x0; x <= x1; x++, i += 3) {
      let dist = -Infinity;
      for (const e of edges) {
        const d = (x + 0.5 - e.px) * e.nx + (y + 0.5 - e.py) * e.ny;
        if (d > dist) dist = d;
      }
      const alpha = coverage(dist, opacity);
      if (alpha > 0) blend(data, i, c, alpha);
    }
  }
}

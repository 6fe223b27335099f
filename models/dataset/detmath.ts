/**
 * Trigonometry from + - * / and sqrt only. ECMAScript leaves Math.sin, Math.atan2 and friends
 * "implementation-approximated", so two Node builds or CPUs may disagree in the last bit; the
 * basic operations and sqrt are IEEE-754 exact everywhere. Everything that decides a pixel or a
 * label goes through these, which keeps the dataset bit-for-bit reproducible across machines.
 * Accuracy is ~1e-9 rad, far below what a pixel can show.
 */

export const PI = 3.141592653589793;
export const TAU = 2 * PI;
const HALF_PI = PI / 2;

/** Degrees to radians. */
export function rad(degrees: number): number {
  return (degrees * PI) / 180;
}

export function sin(x: number): number {
  // Reduce to [-pi, pi], then to [-pi/2, pi/2] by sin(pi - x) = sin(x).
  let r = x - TAU * Math.round(x / TAU);
  if (r > HALF_PI) r = PI - r;
  else if (r < -HALF_PI) r = -PI - r;
  const r2 = r * r;
  // Taylor series to x^15: error < 1e-10 on [-pi/2, pi/2].
  return (
    r *
    (1 +
      r2 *
        (-1 / 6 +
          r2 *
            (1 / 120 +
              r2 * (-1 / 5040 + r2 * (1 / 362880 + r2 * (-1 / 39916800 + r2 * (1 / 6227020800 + r2 * (-1 / 1307674368000))))))))
  );
}

export function cos(x: number): number {
  return sin(x + HALF_PI);
}

const TAN_PI_12 = 0.2679491924311227;
const SQRT3 = 1.7320508075688772;

/** atan for |x| <= 1, reduced further so the series converges fast. */
function atanUnit(x: number): number {
  let offset = 0;
  let r = x;
  if (r > TAN_PI_12) {
    r = (r * SQRT3 - 1) / (SQRT3 + r);
    offset = PI / 6;
  }
  const r2 = r * r;
  return (
    offset +
    r * (1 + r2 * (-1 / 3 + r2 * (1 / 5 + r2 * (-1 / 7 + r2 * (1 / 9 + r2 * (-1 / 11 + r2 * (1 / 13 + r2 * (-1 / 15))))))))
  );
}

export function atan(x: number): number {
  const a = Math.abs(x);
  const v = a <= 1 ? atanUnit(a) : HALF_PI - atanUnit(1 / a);
  return x < 0 ? -v : v;
}

export function atan2(y: number, x: number): number {
  if (x > 0) return atan(y / x);
  if (x < 0) return y >= 0 ? atan(y / x) + PI : atan(y / x) - PI;
  if (y > 0) return HALF_PI;
  if (y < 0) return -HALF_PI;
  return 0;
}

export function acos(x: number): number {
  const c = clamp(x, -1, 1);
  return atan2(Math.sqrt(1 - c * c), c);
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** 0 before edge0, 1 after edge1, C1-smooth in between. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = clamp((x - edge0) / (edge1 - edge0), 0, 1);
  return t * t * (3 - 2 * t);
}

/** C2-smooth ease from 0 to 1 on [0, 1] (Perlin's smootherstep). */
export function ease(t: number): number {
  const c = clamp(t, 0, 1);
  return c * c * c * (c * (c * 6 - 15) + 10);
}

/** Fractional part in [0, 1). */
export function fract(x: number): number {
  return x - Math.floor(x);
}

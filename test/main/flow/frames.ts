/**
 * A smooth grey texture shifted by (dx, dy) pixels, as RGB24: Farneback's polynomial expansion
 * needs texture everywhere, and a smooth one makes the true flow exactly (dx, dy).
 */
export function texturedFrame(width: number, height: number, dx: number, dy: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x - dx;
      const v = y - dy;
      const value = 128 + 50 * Math.sin(u / 5) * Math.cos(v / 7) + 30 * Math.sin((u + v) / 11);
      rgb.fill(Math.round(value), (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return rgb;
}

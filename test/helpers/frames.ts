import type { DecodedFrame, FrameStream } from '../../src/main/core/media/index.js';

export type FrameInfo = Omit<DecodedFrame, 'data'> & { bytes: number };

/** Drains a frame stream, keeping each frame's facts (and its pixels only when asked). */
export async function collectFrames(stream: FrameStream, keepData = false): Promise<(FrameInfo & { data?: Buffer })[]> {
  const frames: (FrameInfo & { data?: Buffer })[] = [];
  for await (const { data, ...info } of stream) {
    frames.push(keepData ? { ...info, bytes: data.length, data } : { ...info, bytes: data.length });
  }
  return frames;
}

/** Mean position of the pixels matching `match` in an RGB24 frame. */
export function centroid(
  data: Buffer,
  width: number,
  match: (r: number, g: number, b: number) => boolean,
): { x: number; y: number; count: number } {
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let i = 0; i + 2 < data.length; i += 3) {
    if (!match(data[i]!, data[i + 1]!, data[i + 2]!)) continue;
    const pixel = i / 3;
    sx += pixel % width;
    sy += Math.floor(pixel / width);
    count += 1;
  }
  return { x: sx / count, y: sy / count, count };
}

export const isRed = (r: number, g: number, b: number): boolean => r > 180 && g < 80 && b < 80;
export const isWhite = (r: number, g: number, b: number): boolean => r > 200 && g > 200 && b > 200;

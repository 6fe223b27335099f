/**
 * Frame ↔ time for the player, matching the engine: frame n is the n-th decoded frame and is
 * shown from n / fps. A frame is identified by its presentation time (rounded), and seeks aim
 * at the middle of a frame so no rounding can land on its neighbour.
 */
export const frameAtMediaTime = (mediaTime: number, fps: number): number => Math.max(0, Math.round(mediaTime * fps));
export const frameAtCurrentTime = (currentTime: number, fps: number): number => Math.max(0, Math.floor(currentTime * fps + 1e-6));
export const seekTimeOf = (frame: number, fps: number): number => (frame + 0.5) / fps;

export const SPEEDS = [0.1, 0.25, 0.5, 1, 1.5, 2, 4] as const;

export function nextSpeed(current: number, direction: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= current - 1e-9);
  const at = i === -1 ? SPEEDS.length - 1 : i;
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + direction))] as number;
}

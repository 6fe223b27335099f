export const SPEEDS = [0.1, 0.25, 0.5, 1, 1.5, 2, 4] as const;

export function nextSpeed(current: number, direction: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= current - 1e-9);
  const at = i === -1 ? SPEEDS.length - 1 : i;
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + direction))] as number;
}

/**
 * How numbers are shown to people, the same in the CLI and the UI: durations, byte sizes, frame
 * rates and frame ranges. Machine formats (CSV, JSON, .eaf…) write raw numbers, not these.
 *
 * [Note: frame ranges] Frames are half-open everywhere in data: a segment is [startFrame, endFrame),
 * and every machine format (CSV, JSON, the API) writes `endFrame` exclusive so that
 * `endFrame - startFrame` is the frame count and neighbours share a boundary. People are shown the
 * frames they can step to: `first–last`, both inclusive (formatFrameRange), one way everywhere.
 */
/** `m:ss` or `h:mm:ss`, with `decimals` decimals on the seconds (`0:03.43` for 2); `?` for a non-finite value. */
export function formatDuration(seconds: number, decimals = 0): string {
  if (!Number.isFinite(seconds)) return '?';
  const sign = seconds < 0 ? '-' : '';
  // Round once, up front, so 59.999 s shows as 1:00 and never as 0:60.
  const scale = 10 ** decimals;
  const total = Math.round(Math.abs(seconds) * scale) / scale;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = (total % 60).toFixed(decimals).padStart(decimals > 0 ? decimals + 3 : 2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Bytes in binary units, one decimal: a 7 KB test model is `6.8 KiB`, not `0.0 MiB`; a 300 MB one is not 300,000 KB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.96 KiB would print as "1024.0 KiB": carry to the next unit instead.
  if (unit > 0 && Number(value.toFixed(1)) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${BYTE_UNITS[unit]}`;
}

/** A frame rate as a number: whole rates as they are (`30`), others to at most three decimals (`29.97`, `23.976`). */
export function formatFps(fps: number): string {
  return String(Number(fps.toFixed(3)));
}

/** A stream's frame rate for people: `30 fps`, `29.97 fps (30000/1001)`, `25 fps VFR`; `? fps` when the file gives none. */
export function describeFrameRate(video: { fps: number; avgFrameRate: { num: number; den: number }; variableFrameRate: boolean }): string {
  if (!(video.fps > 0)) return '? fps';
  const { num, den } = video.avgFrameRate;
  const exact = den > 1 && !Number.isInteger(num / den) ? ` (${num}/${den})` : '';
  return `${formatFps(video.fps)} fps${exact}${video.variableFrameRate ? ' VFR' : ''}`;
}

/** The frames [startFrame, endFrame) for people: `first–last`, both inclusive (`30–75`); one frame: `30`; none: `none`. See [Note: frame ranges]. */
export function formatFrameRange(startFrame: number, endFrame: number): string {
  const last = endFrame - 1;
  if (last < startFrame) return 'none';
  return last === startFrame ? String(startFrame) : `${startFrame}–${last}`;
}

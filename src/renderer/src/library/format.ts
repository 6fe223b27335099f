import type { VideoProbe } from '../../../shared/media.js';

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  const h = Math.floor(m / 60);
  return h > 0 ? `${h}:${String(m % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

export function formatFps(probe: VideoProbe): string {
  const fps = probe.video.fps;
  return `${Number.isInteger(fps) ? fps : fps.toFixed(2)}${probe.video.variableFrameRate ? ' VFR' : ''}`;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

import type { Segment } from '../../shared/analysis.js';
import type { VideoProbe } from '../../shared/media.js';
import { plain } from './plain.js';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = s.toFixed(2).padStart(5, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatFps(probe: VideoProbe): string {
  const { num, den } = probe.video.avgFrameRate;
  const fps = Number.isInteger(probe.video.fps) ? String(probe.video.fps) : probe.video.fps.toFixed(3);
  return den > 1 && !Number.isInteger(num / den) ? `${fps} fps (${num}/${den})` : `${fps} fps`;
}

/** One line a person can read: `1920x1080 · 30 fps · 0:03.43 · h264 · 103 frames`. */
export function describeProbe(probe: VideoProbe): string {
  const v = probe.video;
  const frames = v.frameCountSource === 'estimate' ? `~${v.frameCount} frames (estimated)` : `${v.frameCount} frames`;
  const parts = [
    `${v.displayWidth}x${v.displayHeight}`,
    formatFps(probe) + (v.variableFrameRate ? ' VFR' : ''),
    formatDuration(probe.durationSec),
    v.codec,
    frames,
  ];
  if (v.rotation) parts.push(`rotated ${v.rotation}°`);
  return parts.join(' · ');
}

/** Prints the probe as a small key/value table. */
export function probeTable(probe: VideoProbe): string {
  const v = probe.video;
  const rows: [string, string][] = [
    ['file', plain(probe.file)],
    ['size', formatBytes(probe.sizeBytes)],
    ['container', probe.container],
    ['duration', `${formatDuration(probe.durationSec)} (${probe.durationSec.toFixed(3)} s)`],
    ['video codec', v.profile ? `${v.codec} (${v.profile})` : v.codec],
    ['pixel format', v.pixelFormat ?? '?'],
    ['coded size', `${v.width}x${v.height}`],
    ['display size', `${v.displayWidth}x${v.displayHeight}`],
    ['rotation', `${v.rotation}°`],
    ['r_frame_rate', `${v.rFrameRate.num}/${v.rFrameRate.den}`],
    ['avg_frame_rate', `${v.avgFrameRate.num}/${v.avgFrameRate.den}`],
    ['frame rate', formatFps(probe) + (v.variableFrameRate ? ' (variable)' : '')],
    ['frames', `${v.frameCount} (${v.frameCountSource})`],
    ['audio', probe.audio ? `${probe.audio.codec}, ${probe.audio.sampleRate ?? '?'} Hz, ${probe.audio.channels ?? '?'} ch` : 'none'],
  ];
  const width = Math.max(...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n');
}

/** Segments as aligned lines: `  0:01.20 – 0:03.04   frames 30–76   walk   0.82`. */
export function segmentTable(segments: readonly Segment[]): string {
  if (segments.length === 0) return '    (no segment: no frame reached the confidence threshold)\n';
  const width = Math.max(...segments.map((s) => s.label.length));
  return segments
    .map((s) => `    ${formatDuration(s.startSec)} – ${formatDuration(s.endSec)}   frames ${s.startFrame}–${s.endFrame - 1}   ${s.label.padEnd(width)}   ${s.confidence.toFixed(2)}\n`)
    .join('');
}

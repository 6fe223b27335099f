import type { Segment } from '../../shared/analysis.js';
import { describeFrameRate, formatBytes, formatDuration, formatFrameRange } from '../../shared/format.js';
import type { VideoProbe } from '../../shared/media.js';
import { plain } from './plain.js';

/** One line a person can read: `1920x1080 · 30 fps · 0:03.43 · h264 · 103 frames`. */
export function describeProbe(probe: VideoProbe): string {
  const v = probe.video;
  const frames = v.frameCountSource === 'estimate' ? `~${v.frameCount} frames (estimated)` : `${v.frameCount} frames`;
  const parts = [
    `${v.displayWidth}x${v.displayHeight}`,
    describeFrameRate(v),
    formatDuration(probe.durationSec, 2),
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
    ['duration', `${formatDuration(probe.durationSec, 2)} (${probe.durationSec.toFixed(3)} s)`],
    ['video codec', v.profile ? `${v.codec} (${v.profile})` : v.codec],
    ['pixel format', v.pixelFormat ?? '?'],
    ['coded size', `${v.width}x${v.height}`],
    ['display size', `${v.displayWidth}x${v.displayHeight}`],
    ['rotation', `${v.rotation}°`],
    ['r_frame_rate', `${v.rFrameRate.num}/${v.rFrameRate.den}`],
    ['avg_frame_rate', `${v.avgFrameRate.num}/${v.avgFrameRate.den}`],
    ['frame rate', describeFrameRate(v)],
    ['frames', `${v.frameCount} (${v.frameCountSource})`],
    ['audio', probe.audio ? `${probe.audio.codec}, ${probe.audio.sampleRate ?? '?'} Hz, ${probe.audio.channels ?? '?'} ch` : 'none'],
  ];
  const width = Math.max(...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n');
}

/** Segments as aligned lines: `  0:01.20 – 0:03.04   frames 30–75   walk   0.82` (frames inclusive, see [Note: frame ranges] in shared/format.ts). */
export function segmentTable(segments: readonly Segment[]): string {
  if (segments.length === 0) return '    (no segment: no frame reached the confidence threshold)\n';
  const width = Math.max(...segments.map((s) => s.label.length));
  return segments
    .map((s) => `    ${formatDuration(s.startSec, 2)} – ${formatDuration(s.endSec, 2)}   frames ${formatFrameRange(s.startFrame, s.endFrame)}   ${s.label.padEnd(width)}   ${s.confidence.toFixed(2)}\n`)
    .join('');
}

import type { Segment } from '../../../shared/analysis.js';
import type { FrameGap } from '../../../shared/engine.js';
import { colorOf, textOn } from '../../../shared/timeline/colors.js';
import { segmentRects } from '../../../shared/timeline/layout.js';
import { frameToX, pxPerFrame, ticks, type View } from '../../../shared/timeline/scale.js';

export const RULER_H = 22;
export const TRACK_H = 26;
export const TRACK_GAP = 3;

export const trackTop = (index: number): number => RULER_H + TRACK_GAP + index * (TRACK_H + TRACK_GAP);
export const trackAt = (y: number): number => Math.floor((y - RULER_H - TRACK_GAP / 2) / (TRACK_H + TRACK_GAP));

export interface DrawTrack {
  segments: readonly Segment[];
  /** Frames analysed so far; the rest is shaded as not analysed yet. */
  framesDone: number;
  /** Frames the decoder could not decode (a damaged file): drawn as gaps, no label. */
  gaps?: readonly FrameGap[];
}

/**
 * Draws the ruler and every track into a canvas sized width × height CSS pixels. Cost is bounded
 * by pixels, not by segments (segmentRects keeps one rectangle per pixel column at most).
 */
export function drawTimeline(ctx: CanvasRenderingContext2D, width: number, height: number, view: View, fps: number, timeOf: (frame: number) => number, total: number, tracks: readonly DrawTrack[], colors: Map<number, string>, hovered: Segment | null): void {
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';

  // Ruler: labelled ticks, and a mark per frame once frames are wide enough to see.
  ctx.fillStyle = '#1b1e22';
  ctx.fillRect(0, 0, width, RULER_H);
  const perFrame = pxPerFrame(view, width);
  if (perFrame >= 6) {
    ctx.fillStyle = '#3a3f46';
    for (let f = Math.ceil(view.start); f < view.end; f++) ctx.fillRect(Math.round(frameToX(view, width, f)), RULER_H - 4, 1, 4);
  }
  for (const tick of ticks(view, width, fps, 70, timeOf)) {
    const x = Math.round(tick.x) + 0.5;
    ctx.fillStyle = '#5b626b';
    ctx.fillRect(x - 0.5, tick.major ? 4 : 10, 1, RULER_H - (tick.major ? 4 : 10));
    ctx.fillStyle = '#aab1ba';
    ctx.fillText(tick.label, x + 3, 9);
    // Faint guides through the tracks help read positions across them.
    ctx.fillStyle = 'rgba(255,255,255,0.04)';
    ctx.fillRect(x - 0.5, RULER_H, 1, height - RULER_H);
  }

  tracks.forEach((track, i) => {
    const top = trackTop(i);
    ctx.fillStyle = '#1f2328';
    ctx.fillRect(0, top, width, TRACK_H);
    for (const rect of segmentRects(track.segments, view, width)) {
      const color = colorOf(colors, rect.segment.classIndex);
      ctx.globalAlpha = 0.55 + 0.45 * Math.max(0, Math.min(1, rect.segment.confidence));
      ctx.fillStyle = color;
      ctx.fillRect(rect.x, top + 2, rect.w, TRACK_H - 4);
      ctx.globalAlpha = 1;
      if (rect.w > 48) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(rect.x, top, rect.w, TRACK_H);
        ctx.clip();
        ctx.fillStyle = textOn(color);
        ctx.fillText(rect.segment.label, rect.x + 4, top + TRACK_H / 2);
        ctx.restore();
      }
      if (rect.segment === hovered) {
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 1.5;
        ctx.strokeRect(rect.x + 0.75, top + 1.75, rect.w - 1.5, TRACK_H - 3.5);
      }
    }
    // Undecodable frames: a dark gap with a red rule, at least a pixel wide so a single frame shows.
    for (const gap of track.gaps ?? []) {
      const x0 = frameToX(view, width, gap.startFrame);
      const x1 = frameToX(view, width, gap.startFrame + gap.frameCount);
      if (x1 < 0 || x0 > width) continue;
      const x = Math.floor(Math.max(0, x0));
      const w = Math.max(1, Math.ceil(Math.min(width, x1)) - x);
      ctx.fillStyle = '#0d0f11';
      ctx.fillRect(x, top, w, TRACK_H);
      ctx.fillStyle = '#c0392b';
      ctx.fillRect(x, top + TRACK_H - 3, w, 3);
    }
    // Not analysed yet (a running or stopped run): hatched.
    if (track.framesDone < total) {
      const x = Math.max(0, frameToX(view, width, track.framesDone));
      if (x < width) {
        ctx.fillStyle = 'rgba(120,130,140,0.12)';
        ctx.fillRect(x, top, width - x, TRACK_H);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x, top, width - x, TRACK_H);
        ctx.clip();
        ctx.strokeStyle = 'rgba(160,170,180,0.15)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let hx = x - TRACK_H; hx < width; hx += 8) {
          ctx.moveTo(hx, top + TRACK_H);
          ctx.lineTo(hx + TRACK_H, top);
        }
        ctx.stroke();
        ctx.restore();
      }
    }
  });
}

import { useLayoutEffect, useRef } from 'react';
import type { ProbabilitySeries } from '../../../shared/engine.js';
import { colorOf } from '../../../shared/timeline/colors.js';
import { frameToX, xToFrame, type View } from '../../../shared/timeline/scale.js';

export const HEAT_ROW_H = 10;

interface Props {
  series: ProbabilitySeries | null;
  classes: readonly number[];
  view: View;
  width: number;
  frame: number;
  colors: Map<number, string>;
  /** Said where there is nothing to draw (default: ask to select a run). */
  emptyText?: string;
}

const BACKGROUND = [0x1d, 0x20, 0x24];

/**
 * The selected run's probabilities as a heat strip: one row per class, each pixel column the
 * class colour at the probability's strength. Built as one small image per frame (columns ×
 * classes pixels) and scaled up, so a frame costs the same at 11 classes or 400 and the software
 * rasteriser has one image to draw, not thousands of anti-aliased line segments.
 */
export function HeatStrip({ series, classes, view, width, frame, colors, emptyText }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const buffer = useRef<HTMLCanvasElement | null>(null);
  const height = Math.max(3, classes.length) * HEAT_ROW_H;

  useLayoutEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx || width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    if (element.width !== Math.round(width * ratio) || element.height !== Math.round(height * ratio)) {
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, element.width, element.height);
    if (!series || series.frames.length === 0 || classes.length === 0) return;
    const columns = Math.max(1, Math.round(width));
    const rows = classes.length;
    const image = new ImageData(columns, rows);
    const n = series.labels.length;
    const rgb = classes.map((c) => hexRgb(colorOf(colors, c)));
    let bucket = 0;
    for (let x = 0; x < columns; x++) {
      const f = xToFrame(view, width, x + 0.5);
      if (f < series.startFrame || f >= series.endFrame) continue;
      while (bucket + 1 < series.frames.length && (series.frames[bucket + 1] as number) <= f) bucket++;
      while (bucket > 0 && (series.frames[bucket] as number) > f) bucket--;
      for (let r = 0; r < rows; r++) {
        const p = Math.min(1, Math.max(0, series.probs[bucket * n + (classes[r] as number)] ?? 0));
        const [cr, cg, cb] = rgb[r] as [number, number, number];
        const i = (r * columns + x) * 4;
        image.data[i] = BACKGROUND[0]! + (cr - BACKGROUND[0]!) * p;
        image.data[i + 1] = BACKGROUND[1]! + (cg - BACKGROUND[1]!) * p;
        image.data[i + 2] = BACKGROUND[2]! + (cb - BACKGROUND[2]!) * p;
        image.data[i + 3] = 255;
      }
    }
    const small = (buffer.current ??= document.createElement('canvas'));
    small.width = columns;
    small.height = rows;
    small.getContext('2d')?.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, columns, rows, 0, 0, element.width, element.height);
  }, [series, classes, view, width, height, colors]);

  const playheadX = frameToX(view, width, frame + 0.5);
  return (
    <div className="heat-strip" style={{ height }} data-testid="prob-plot" aria-label="Probabilities of the selected run, one row per class">
      <canvas ref={canvas} style={{ width, height, display: 'block' }} />
      {!series && <div className="plot-empty muted">{emptyText ?? 'Select a run to see its class probabilities.'}</div>}
      {playheadX >= 0 && playheadX <= width && <div className="playhead" style={{ transform: `translateX(${playheadX}px)` }} />}
    </div>
  );
}

function hexRgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

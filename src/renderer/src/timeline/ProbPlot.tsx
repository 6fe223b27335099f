import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ProbabilitySeries } from '../../../shared/engine.js';
import { colorOf } from '../../../shared/timeline/colors.js';
import { frameToX, type View } from '../../../shared/timeline/scale.js';

export const PLOT_H = 96;

interface Props {
  series: ProbabilitySeries | null;
  /** The classes that get a line (see topClasses). */
  classes: readonly number[];
  view: View;
  width: number;
  frame: number;
  colors: Map<number, string>;
}

/**
 * Per-class probability lines of the selected run (uPlot), the width of the timeline's tracks and
 * on the same frame scale, so a peak sits right under its segment. Only the classes with the
 * highest peaks get a line (400 lines would be unreadable).
 */
export function ProbPlot({ series, classes, view, width, frame, colors }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const viewRef = useRef(view);
  useLayoutEffect(() => {
    viewRef.current = view;
  });

  useEffect(() => {
    if (!host.current || !series || width <= 0) return;
    const n = series.labels.length;
    const xs = series.frames.map((f, i) => (f + (series.frames[i + 1] ?? series.endFrame)) / 2);
    const data: uPlot.AlignedData = [xs, ...classes.map((c) => series.frames.map((_, i) => series.probs[i * n + c] ?? 0))];
    const options: uPlot.Options = {
      width,
      height: PLOT_H,
      padding: [4, 0, 0, 0],
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, auto: false }, y: { auto: false, range: [0, 1] } },
      axes: [{ show: false }, { show: false }],
      series: [{}, ...classes.map((c) => ({ label: series.labels[c], stroke: colorOf(colors, c), width: 1.5, points: { show: false } }))],
    };
    const instance = new uPlot(options, data, host.current);
    instance.setScale('x', { min: viewRef.current.start, max: viewRef.current.end });
    plot.current = instance;
    return () => {
      instance.destroy();
      plot.current = null;
    };
  }, [series, classes, colors, width]);

  useEffect(() => {
    plot.current?.setScale('x', { min: view.start, max: view.end });
  }, [view]);

  const playheadX = frameToX(view, width, frame + 0.5);
  return (
    <div className="prob-plot" style={{ height: PLOT_H }} aria-label="Probabilities of the selected run" data-testid="prob-plot">
      <div ref={host} />
      {!series && <div className="plot-empty muted">Select a run to plot its class probabilities.</div>}
      {playheadX >= 0 && playheadX <= width && <div className="playhead" style={{ transform: `translateX(${playheadX}px)` }} />}
    </div>
  );
}

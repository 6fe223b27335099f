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

  const classKey = classes.join(',');
  const toData = (s: ProbabilitySeries): uPlot.AlignedData => {
    const n = s.labels.length;
    const xs = s.frames.map((f, i) => (f + (s.frames[i + 1] ?? s.endFrame)) / 2);
    return [xs, ...classes.map((c) => s.frames.map((_, i) => s.probs[i * n + c] ?? 0))];
  };
  const toDataRef = useRef(toData);
  useLayoutEffect(() => {
    toDataRef.current = toData;
  });

  // One uPlot per set of lines; new data for the same lines is handed to it (setData), which is
  // far cheaper than building a plot, so fetches while zooming do not cost frames.
  useEffect(() => {
    if (!host.current || !series || width <= 0) return;
    const options: uPlot.Options = {
      width,
      height: PLOT_H,
      padding: [4, 0, 0, 0],
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, auto: false }, y: { auto: false, range: [0, 1] } },
      axes: [{ show: false }, { show: false }],
      series: [{}, ...classes.map((c) => ({ label: series.labels[c], stroke: colorOf(colors, c), width: 1.25, points: { show: false } }))],
    };
    const instance = new uPlot(options, toDataRef.current(series), host.current);
    instance.setScale('x', { min: viewRef.current.start, max: viewRef.current.end });
    plot.current = instance;
    return () => {
      instance.destroy();
      plot.current = null;
    };
  }, [series === null, classKey, colors, width]); // eslint-disable-line react-hooks/exhaustive-deps

  useLayoutEffect(() => {
    const instance = plot.current;
    if (!instance || !series) return;
    instance.setData(toDataRef.current(series), false);
    instance.setScale('x', { min: viewRef.current.start, max: viewRef.current.end });
  }, [series]);

  // Part of the same frame as the timeline's redraw (a layout effect, inside a zoom's flushSync).
  useLayoutEffect(() => {
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

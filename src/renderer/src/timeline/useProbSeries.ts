import { useEffect, useRef, useState } from 'react';
import type { ProbabilitySeries } from '../../../shared/engine.js';
import { covers, fetchWindow, type Coverage } from '../../../shared/timeline/lod.js';
import type { View } from '../../../shared/timeline/scale.js';
import type { Client } from '../api/client.js';

/**
 * The selected run's probabilities over the view (plus a view either side), reduced by the core
 * to about one point per pixel with `max` (a brief action keeps its peak when zoomed out).
 */
export function useProbSeries(client: Client, runId: number | null, view: View, width: number, total: number, revision: number): ProbabilitySeries | null {
  const [series, setSeries] = useState<{ runId: number; coverage: Coverage; revision: number; data: ProbabilitySeries } | null>(null);
  const loading = useRef(false);
  useEffect(() => {
    if (runId === null || width <= 0 || loading.current) return;
    if (series && series.runId === runId && series.revision === revision && covers(series.coverage, view, width, total)) return;
    const window = fetchWindow(view, width, total);
    loading.current = true;
    client.api['runs.probabilities']({ runId, startFrame: window.startFrame, endFrame: window.endFrame, points: Math.min(20_000, window.maxSegments), reduce: 'max' }).then(
      (data) => {
        loading.current = false;
        setSeries({ runId, coverage: window, revision, data });
      },
      () => {
        loading.current = false;
      },
    );
  });
  return series && series.runId === runId ? series.data : null;
}

/**
 * The classes worth a line: every class of a small model (a stable set, so new data never
 * rebuilds the plot), else the `count` with the highest peak in the series.
 */
export function topClasses(series: ProbabilitySeries, count: number): number[] {
  const classes = series.labels.length;
  if (classes <= 12) return Array.from({ length: classes }, (_, c) => c);
  const peaks = new Float64Array(classes);
  for (let i = 0; i < series.probs.length; i++) peaks[i % classes] = Math.max(peaks[i % classes] ?? 0, series.probs[i] ?? 0);
  return Array.from(peaks.keys())
    .sort((a, b) => (peaks[b] ?? 0) - (peaks[a] ?? 0))
    .slice(0, count)
    .filter((c) => (peaks[c] ?? 0) > 0.05);
}

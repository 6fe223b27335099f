import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { JOINT_ANGLES, type JointAngle } from '../../../shared/pose-kinematics.js';
import type { KinematicsSeriesPayload, TrackPresence } from '../../../shared/pose-run.js';
import { span, type View } from '../../../shared/timeline/scale.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { trackColor } from './trackColors.js';

const PLOT_H = 110;
/** Frames per kinematics call (the contract's limit). */
const WINDOW = 20_000;

interface Props {
  client: Client;
  runId: number;
  tracks: TrackPresence[];
  framesDone: number;
  view: View;
  frame: number;
}

const angleName = (a: JointAngle) => a.replace('_', ' ');

/** One person's joint angle per frame (uPlot), gaps where a keypoint was unsure; the person and angle are chosen above it. */
export function KinematicsPlot({ client, runId, tracks, framesDone, view, frame }: Props) {
  const [trackId, setTrackId] = useState<number | null>(null);
  const [angle, setAngle] = useState<JointAngle>('left_knee');
  const [series, setSeries] = useState<KinematicsSeriesPayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = trackId !== null && tracks.some((t) => t.trackId === trackId) ? trackId : (tracks[0]?.trackId ?? null);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const viewRef = useRef(view);
  useLayoutEffect(() => {
    viewRef.current = view;
  });
  const revision = Math.floor(framesDone / 256);
  // Fetched in windows of WINDOW frames starting on a multiple of WINDOW / 2: any view up to half a window wide lies inside one, and panning refetches rarely.
  const windowStart = Math.floor(view.start / (WINDOW / 2)) * (WINDOW / 2);

  useEffect(() => {
    if (shown === null) return;
    let active = true;
    client.api['pose.kinematics']({ runId, trackId: shown, startFrame: windowStart, endFrame: windowStart + WINDOW, smoothFrames: 3 }).then(
      (s) => active && (setSeries(s), setError(null)),
      (e) => active && setError(errorText(e)),
    );
    return () => {
      active = false;
    };
  }, [client, runId, shown, revision, windowStart]);

  useEffect(() => {
    const el = host.current;
    if (!el || !series || series.trackId !== shown) return;
    const width = el.clientWidth;
    const values = series.angles[angle] ?? [];
    const data: uPlot.AlignedData = [series.frames, values.map((v) => (v === null ? null : v))];
    const options: uPlot.Options = {
      width,
      height: PLOT_H,
      padding: [6, 4, 0, 0],
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, auto: false }, y: { auto: false, range: angle === 'trunk_lean' ? [-90, 90] : [0, 180] } },
      axes: [{ show: false }, { size: 34, stroke: '#9aa3ad', grid: { stroke: 'rgba(255,255,255,0.06)' }, ticks: { show: false }, font: '10px system-ui' }],
      series: [{}, { label: angle, stroke: trackColor(series.trackId), width: 1.5, spanGaps: false, points: { show: false } }],
    };
    const instance = new uPlot(options, data, el);
    instance.setScale('x', { min: viewRef.current.start, max: viewRef.current.end });
    plot.current = instance;
    return () => {
      instance.destroy();
      plot.current = null;
    };
  }, [series, angle, shown]);

  // Zooming the timeline re-scales the plot; it is not rebuilt.
  useLayoutEffect(() => {
    plot.current?.setScale('x', { min: view.start, max: view.end });
  }, [view]);

  const at = series ? series.frames.indexOf(frame) : -1;
  const now = at >= 0 ? series!.angles[angle]?.[at] : null;
  return (
    // [Note: plot alignment] The y axis (34 px) sits in the label column, so frames line up with the timeline and the person rows above.
    <div className="kinematics" data-testid="kinematics">
      <div className="kinematics-bar">
        <label>
          Person{' '}
          <select value={shown ?? ''} onChange={(e) => setTrackId(Number(e.target.value))} aria-label="Person">
            {tracks.map((t) => (
              <option key={t.trackId} value={t.trackId}>#{t.trackId}</option>
            ))}
          </select>
        </label>
        <label>
          Angle{' '}
          <select value={angle} onChange={(e) => setAngle(e.target.value as JointAngle)} aria-label="Joint angle">
            {JOINT_ANGLES.map((a) => (
              <option key={a} value={a}>{angleName(a)}</option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="angle-now">{now == null ? '—' : `${now.toFixed(1)}°`} at frame {frame}</span>
        {error && <span className="error">{error}</span>}
      </div>
      <div className="kinematics-plot" style={{ height: PLOT_H }}>
        <div ref={host} />
        {frame >= view.start && frame < view.end && <div className="playhead" style={{ left: `calc(34px + (100% - 34px) * ${(frame + 0.5 - view.start) / span(view)})` }} />}
      </div>
    </div>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Segment } from '../../../shared/analysis.js';
import type { RunSummary } from '../../../shared/engine.js';
import type { AnnotationTrackSummary } from '../../../shared/library.js';
import { assignColors } from '../../../shared/timeline/colors.js';
import { presentClasses } from '../../../shared/timeline/layout.js';
import type { Coverage } from '../../../shared/timeline/lod.js';
import { clampView, follow, frameToX, span, zoomAt, type View } from '../../../shared/timeline/scale.js';
import type { Client } from '../api/client.js';
import { shortcut } from '../common/keymap.js';
import { useElementWidth } from '../common/useElementWidth.js';
import { Legend } from './Legend.js';
import { HEAT_ROW_H, HeatStrip } from './HeatStrip.js';
import { ProbPlot } from './ProbPlot.js';
import { Timeline, type TrackView } from './Timeline.js';
import { topClasses, useProbSeries } from './useProbSeries.js';
import { useTimelineData } from './useTimelineData.js';
import { usePersonLanes } from './usePersonLanes.js';

export interface RunTrack {
  run: RunSummary;
  framesDone: number;
  /** Segments held whole instead of the stored ones: a re-smoothing preview, or live ones of a running run. */
  preview: readonly Segment[] | null;
  isPreview: boolean;
}

interface Props {
  client: Client;
  runs: readonly RunTrack[];
  annotations: readonly AnnotationTrackSummary[];
  selectedRunId: number | null;
  labels: readonly string[];
  fps: number;
  /** When a frame starts (the video's own clock), for the ruler. */
  timeOf(frame: number): number;
  total: number;
  frame: number;
  playing: boolean;
  onSeek(frame: number): void;
  /** Colours follow the classes present on the timeline; the overlay uses the same ones. */
  onColors(colors: Map<number, string>): void;
  /** Told the visible frames whenever they change, for panels that follow the timeline's zoom (the People panel). */
  onView?(view: View): void;
}

const personKey = (runId: number, trackId: number) => `person:${runId}:${trackId}`;

/** The timeline with its zoom controls, the probability plot under it and the legend. */
export function TimelinePanel({ client, runs, annotations, selectedRunId, labels, fps, timeOf, total, frame, playing, onSeek, onColors, onView }: Props) {
  const area = useRef<HTMLDivElement>(null);
  const width = useElementWidth(area);
  const [view, setViewState] = useState<View>({ start: 0, end: Math.max(1, total) });
  const [plotMode, setPlotMode] = useState<'heat' | 'lines'>('heat');
  const setView = useCallback((next: View) => setViewState(clampView(next, total, width || 1)), [total, width]);

  // The playhead stays in view while playing or stepping (adjusted during render, not in an effect).
  const [followedFrame, setFollowedFrame] = useState(frame);
  if (frame !== followedFrame) {
    setFollowedFrame(frame);
    if (width > 0) setViewState((v) => follow(v, total, width, frame));
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcut('timeline', event);
      const at = frameToX(view, width, frame);
      if (action === 'zoomIn') setView(zoomAt(view, width, total, at, 2));
      else if (action === 'zoomOut') setView(zoomAt(view, width, total, at, 0.5));
      else if (action === 'whole') setView({ start: 0, end: total });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, width, total, frame, setView]);

  const people = usePersonLanes(client, useMemo(() => runs.map((r) => r.run), [runs]));
  const sources = useMemo(
    () => [
      ...runs.map(({ run, framesDone, preview }) => ({
        key: `run:${run.id}`,
        revision: run.status === 'running' ? Math.floor(framesDone / 64) : run.status === 'completed' ? -2 : framesDone,
        preview,
        load: (w: Coverage) => client.api['runs.segments']({ runId: run.id, ...w }),
      })),
      // A skeleton run's people: segments held whole (derived per person), reduced to the view like a preview.
      ...runs.flatMap(({ run }) =>
        (people.get(run.id) ?? []).map((lane) => ({ key: personKey(run.id, lane.trackId), revision: 0, preview: lane.segments, load: () => Promise.resolve(lane.segments) })),
      ),
      ...annotations.map((track) => ({
        key: `annotation:${track.id}`,
        revision: track.revision ?? track.segmentCount,
        load: (w: Coverage) => client.api['annotations.segments']({ trackId: track.id, ...w }),
      })),
    ],
    [client, runs, annotations, people],
  );
  const data = useTimelineData(sources, view, width, total);
  const selected = runs.find((r) => r.run.id === selectedRunId);
  const fetched = useProbSeries(client, selected?.run.id ?? null, view, width, total, sources.find((s) => s.key === `run:${selectedRunId}`)?.revision ?? 0);
  // A run with no frames yet (or a failed one) has nothing to plot.
  const series = fetched && fetched.frames.length > 0 ? fetched : null;
  // Heat rows: every class of a small model, else the 12 with the highest peaks; lines: 6 at most for a big model.
  const plotClasses = useMemo(() => (series ? topClasses(series, plotMode === 'heat' ? 12 : 6) : []), [series, plotMode]);
  const runTracks: TrackView[] = runs.flatMap(({ run, framesDone, isPreview }) => {
    const held = data.get(`run:${run.id}`);
    const failed = run.status === 'failed' ? `Failed: ${run.error?.message ?? 'no reason was recorded'}` : null;
    const personTracks: TrackView[] = (people.get(run.id) ?? []).map((lane) => ({
      key: personKey(run.id, lane.trackId),
      kind: 'person',
      id: lane.trackId,
      title: `person ${lane.trackId}`,
      detail: `${run.modelId} #${run.id} · frames ${lane.firstFrame}–${lane.endFrame - 1}`,
      status: run.status,
      segments: data.get(personKey(run.id, lane.trackId))?.segments ?? [],
      framesDone: total,
      message: null,
    }));
    const runTrack: TrackView = {
      key: `run:${run.id}`,
      kind: 'run',
      id: run.id,
      title: run.modelId,
      detail: `#${run.id}${isPreview ? ' · preview' : ''}${run.gapFrames > 0 ? ` · ${run.gapFrames} undecodable frame${run.gapFrames === 1 ? '' : 's'}` : ''}`,
      status: run.status,
      segments: held?.segments ?? [],
      framesDone: run.status === 'completed' ? total : framesDone,
      gaps: run.gaps,
      message: failed ?? (held?.error ? `Could not load segments: ${held.error}` : null),
    };
    return [runTrack, ...personTracks];
  });
  // Annotation labels take the class colours of the model on screen, by name.
  const annotationTracks: TrackView[] = annotations.map((track) => {
    const held = data.get(`annotation:${track.id}`);
    return {
      key: `annotation:${track.id}`,
      kind: 'annotation',
      id: track.id,
      title: track.name,
      detail: 'annotations',
      status: 'annotation',
      segments: (held?.segments ?? []).map((s) => (s.classIndex >= 0 && labels[s.classIndex] === s.label ? s : { ...s, classIndex: labels.indexOf(s.label) })),
      framesDone: total,
      message: held?.error ? `Could not load segments: ${held.error}` : null,
    };
  });
  const tracks = [...runTracks, ...annotationTracks];
  const present = presentClasses(tracks.map((t) => t.segments));
  const presentKey = present.join(',');
  const colors = useMemo(() => assignColors(labels.length, present), [labels.length, presentKey]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => onColors(colors), [colors, onColors]);
  useEffect(() => onView?.(view), [view, onView]);

  const visibleFrames = span(view);
  return (
    <section className="timeline-panel" aria-label="Timeline">
      <div className="timeline-toolbar">
        <button type="button" onClick={() => setView(zoomAt(view, width, total, frameToX(view, width, frame), 0.5))} aria-label="Zoom out" title="Zoom out (−)">−</button>
        <button type="button" onClick={() => setView(zoomAt(view, width, total, frameToX(view, width, frame), 2))} aria-label="Zoom in" title="Zoom in (+)">+</button>
        <button type="button" onClick={() => setView({ start: 0, end: total })} aria-label="Whole video" title="Whole video (0)">Fit</button>
        <span className="zoom-readout muted" data-testid="zoom-readout" data-visible-frames={Math.round(visibleFrames)}>
          frames {Math.floor(view.start)}–{Math.ceil(view.end) - 1} ({Math.round(visibleFrames)} visible{width / visibleFrames >= 6 ? ', single frames' : ''})
        </span>
        {playing && <span className="muted">following the playhead</span>}
        <span className="spacer" />
        <span className="muted">probabilities:</span>
        <button type="button" aria-pressed={plotMode === 'heat'} onClick={() => setPlotMode('heat')} title="One row per class: fast at any number of classes">Heat</button>
        <button type="button" aria-pressed={plotMode === 'lines'} onClick={() => setPlotMode('lines')} title="One line per class (uPlot)">Lines</button>
      </div>
      <div className="timeline-grid">
        <div className="track-labels">
          <div className="ruler-spacer" />
          {tracks.map((t) => (
            <div
              key={t.key}
              className={`track-label${t.kind === 'run' && t.id === selectedRunId ? ' selected' : ''}${t.kind === 'annotation' ? ' annotation' : ''}${t.kind === 'person' ? ' person' : ''}`}
              data-testid={t.kind === 'run' ? 'track' : t.kind === 'person' ? 'person-lane' : 'annotation-track'}
              data-id={t.id}
              data-status={t.status}
              data-segments={t.segments.length}
              title={`${t.title} ${t.detail}`}
            >
              <span className="track-title">{t.title}</span> <span className="muted">{t.detail}</span>
              {t.status === 'running' && <span className="live-dot" title="running" />}
            </div>
          ))}
          {tracks.length === 0 && <div className="track-label muted">No runs shown</div>}
          {plotMode === 'heat' && series ? (
            <div className="heat-labels" title={`${selected?.run.modelId} #${selected?.run.id} probabilities`}>
              {plotClasses.map((c) => (
                <div key={c} style={{ height: HEAT_ROW_H }}>{series.labels[c]}</div>
              ))}
            </div>
          ) : (
            <div className="plot-label">
              <div className="muted">{selected ? `${selected.run.modelId} #${selected.run.id} probabilities` : 'probabilities'}</div>
              {series &&
                plotClasses.length <= 6 &&
                plotClasses.map((c) => (
                  <div key={c} className="plot-class"><i style={{ background: colors.get(c) }} />{series.labels[c]}</div>
                ))}
            </div>
          )}
        </div>
        <div className="track-area" ref={area}>
          {width > 0 && <Timeline tracks={tracks} view={view} width={width} fps={fps} timeOf={timeOf} total={total} frame={frame} colors={colors} onView={setView} onSeek={onSeek} />}
          {width > 0 && plotMode === 'heat' && <HeatStrip series={series} emptyText={selected ? 'No probabilities stored for this run yet.' : undefined} classes={plotClasses} view={view} width={width} frame={frame} colors={colors} />}
          {width > 0 && plotMode === 'lines' && <ProbPlot series={series} classes={plotClasses} view={view} width={width} frame={frame} colors={colors} />}
        </div>
      </div>
      <Legend labels={labels} present={present} colors={colors} />
    </section>
  );
}

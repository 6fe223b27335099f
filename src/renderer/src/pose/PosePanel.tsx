import { useState } from 'react';
import type { RunSummary } from '../../../shared/engine.js';
import type { TrackPresence } from '../../../shared/pose-run.js';
import type { View } from '../../../shared/timeline/scale.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { KinematicsPlot } from './KinematicsPlot.js';
import { PersonTracks } from './PersonTracks.js';

interface Props {
  client: Client;
  videoId: number;
  runs: RunSummary[];
  selected: RunSummary | null;
  framesDone: number;
  showSkeletons: boolean;
  /** The timeline's visible frames: the person rows and the plot follow its zoom. */
  view: View;
  total: number;
  frame: number;
  onSelect(runId: number): void;
  onShowSkeletons(show: boolean): void;
  onSeek(frame: number): void;
  onDeleted(): void;
}

/** Pose runs of the video: which one is shown, skeletons on or off, a row per person and a joint angle plot, both on the timeline's frame scale. */
export function PosePanel({ client, videoId, runs, selected, framesDone, showSkeletons, view, total, frame, onSelect, onShowSkeletons, onSeek, onDeleted }: Props) {
  const [tracks, setTracks] = useState<TrackPresence[]>([]);
  const [error, setError] = useState<string | null>(null);
  const findPeople = () => {
    setError(null);
    client.api['pose.start']({ videoIds: [videoId] }).catch((e: unknown) => setError(errorText(e)));
  };
  if (runs.length === 0) {
    return (
      <section className="pose-panel" aria-label="People">
        <div className="pose-bar">
          <strong>People</strong>
          <span className="muted">No pose run yet: find and track the people, with their keypoints, on every frame.</span>
          <button type="button" onClick={findPeople}>Find people</button>
          {error && <span className="error" role="alert">{error}</span>}
        </div>
      </section>
    );
  }
  return (
    <section className="pose-panel" aria-label="People">
      <div className="pose-bar">
        <strong>People</strong>
        <select value={selected?.id ?? ''} onChange={(e) => onSelect(Number(e.target.value))} aria-label="Pose run">
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {run.modelId} #{run.id} · {run.status}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={showSkeletons} onChange={(e) => onShowSkeletons(e.target.checked)} data-testid="skeleton-toggle" /> Skeletons on the video
        </label>
        {selected && <span className="muted">{tracks.length} {tracks.length === 1 ? 'person' : 'people'} tracked</span>}
        <span className="spacer" />
        {selected && (
          <button
            type="button"
            onClick={() => {
              if (!window.confirm(`Delete pose run #${selected.id} and its keypoints?`)) return;
              client.api['runs.delete']({ runId: selected.id }).then(onDeleted, (e: unknown) => setError(errorText(e)));
            }}
          >
            Delete
          </button>
        )}
        {error && <span className="error" role="alert">{error}</span>}
      </div>
      {selected && <PersonTracks client={client} runId={selected.id} framesDone={framesDone} view={view} total={total} frame={frame} onSeek={onSeek} onTracks={setTracks} />}
      {selected && tracks.length > 0 && <KinematicsPlot client={client} runId={selected.id} tracks={tracks} framesDone={framesDone} view={view} frame={frame} />}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { TrackPresence } from '../../../shared/pose-run.js';
import { frameToX, xToFrame, type View } from '../../../shared/timeline/scale.js';
import type { Client } from '../api/client.js';
import { trackColor } from './trackColors.js';

const ROW_H = 14;

interface Props {
  client: Client;
  runId: number;
  /** Frames the run has stored: presence is reloaded as it grows. */
  framesDone: number;
  view: View;
  total: number;
  frame: number;
  onSeek(frame: number): void;
  onTracks(tracks: TrackPresence[]): void;
}

/** One row per tracked person, filled where the person is present, on the timeline's frame scale (it follows the zoom); a click seeks. */
export function PersonTracks({ client, runId, framesDone, view, total, frame, onSeek, onTracks }: Props) {
  const [tracks, setTracks] = useState<TrackPresence[]>([]);
  const revision = Math.floor(framesDone / 256);
  useEffect(() => {
    let active = true;
    client.api['pose.tracks']({ runId }).then(
      (list) => {
        if (!active) return;
        setTracks(list);
        onTracks(list);
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [client, runId, revision, onTracks]);

  return (
    <div className="person-tracks" data-testid="person-tracks">
      {tracks.length === 0 && <div className="muted">No person found on the stored frames.</div>}
      {tracks.map((track) => (
        <PersonRow key={track.trackId} track={track} view={view} total={total} frame={frame} onSeek={onSeek} />
      ))}
    </div>
  );
}

function PersonRow({ track, view, total, frame, onSeek }: { track: TrackPresence; view: View; total: number; frame: number; onSeek(frame: number): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    c.width = Math.round(w * ratio);
    c.height = Math.round(ROW_H * ratio);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, ROW_H);
    ctx.fillStyle = 'rgba(255,255,255,0.05)';
    ctx.fillRect(0, 0, w, ROW_H);
    ctx.fillStyle = trackColor(track.trackId);
    for (const [start, end] of track.spans) {
      if (end <= view.start || start >= view.end) continue;
      const x = frameToX(view, w, start);
      ctx.fillRect(x, 2, Math.max(1, frameToX(view, w, end) - x), ROW_H - 4);
    }
    ctx.fillStyle = '#fff';
    ctx.fillRect(frameToX(view, w, frame + 0.5), 0, 1, ROW_H);
  });
  return (
    <div className="person-row" data-testid="person-track" data-track={track.trackId} data-frames={track.frames}>
      <span className="person-name"><i style={{ background: trackColor(track.trackId) }} />#{track.trackId} <span className="muted">{track.frames} f</span></span>
      <canvas
        ref={canvas}
        style={{ height: ROW_H }}
        title={`Person #${track.trackId}: on ${track.frames} frames`}
        onClick={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          onSeek(Math.min(total - 1, Math.max(0, Math.floor(xToFrame(view, rect.width, event.clientX - rect.left)))));
        }}
      />
    </div>
  );
}

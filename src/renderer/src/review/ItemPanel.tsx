import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { Segment } from '../../../shared/analysis.js';
import { FALLBACK_FPS } from '../../../shared/media.js';
import type { IncidentExport, ReviewItem } from '../../../shared/review.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { Player } from '../video/Player.js';

interface Props {
  client: Client;
  item: ReviewItem;
  /** Plays the span (the item was opened); otherwise the panel shows the details only. */
  playing: boolean;
  noteFocus: number;
  onNote: (item: ReviewItem) => void;
}

/** The opened item: its span played in a loop with the labels drawn over it, its note, its export. */
export const ItemPanel = memo(function ItemPanel({ client, item, playing, noteFocus, onNote }: Props) {
  const [note, setNote] = useState(item.note);
  const [exported, setExported] = useState<IncidentExport | string | null>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  // [Note: the panel is keyed by item id, so note and export state start afresh for each item.]
  // Focus on N pressed while this item is shown, not on a count carried over from an earlier item.
  const focusAtMount = useRef(noteFocus);
  useEffect(() => {
    if (noteFocus !== focusAtMount.current) noteBox.current?.focus();
  }, [noteFocus]);

  const saveNote = () => {
    if (note === item.note) return;
    void client.api['review.note']({ itemId: item.id, note }).then(onNote, (e) => setExported(errorText(e)));
  };
  const exportIncident = () => {
    setExported('Exporting…');
    client.api['incidents.export']({ itemId: item.id }).then(setExported, (e) => setExported(`Export failed: ${errorText(e)}`));
  };

  return (
    <aside className="review-panel" aria-label="Review item">
      {playing ? <SpanPlayer client={client} item={item} /> : <p className="muted">Enter or double-click plays the item.</p>}
      <h3>
        {item.classes.join(', ')} · {Math.round(item.score * 100)}%
      </h3>
      <p className="muted">
        {item.sourceName} · {item.videoPath.split(/[\\/]/).pop()} · {item.startSec.toFixed(1)}–{item.endSec.toFixed(1)} s · model {item.modelId}
        {item.people !== null ? ` · ${item.people} people` : ''}
      </p>
      <label className="review-note-field">
        Note
        <textarea
          ref={noteBox}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={saveNote}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.blur();
            }
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          placeholder="What happened (Ctrl+Enter saves)"
          data-testid="review-note"
        />
      </label>
      <div className="toolbar">
        <button type="button" onClick={exportIncident} data-testid="export-incident">
          Export incident (E)
        </button>
      </div>
      {typeof exported === 'string' ? <p className="status" role="status">{exported}</p> : exported ? (
        <p className="status" role="status" data-testid="export-result">
          Exported to {exported.dir} ({exported.clipMode === 'copy' ? 'clip copied without re-encoding' : 'clip re-encoded to H.264'})
        </p>
      ) : null}
    </aside>
  );
});

/** The item's span in a loop, with the run's label at the playhead drawn over the picture. */
function SpanPlayer({ client, item }: { client: Client; item: ReviewItem }) {
  const videoElement = useRef<HTMLVideoElement | null>(null);
  const [mounted, setMounted] = useState(0);
  const setVideo = useCallback((element: HTMLVideoElement | null) => {
    videoElement.current = element;
    setMounted((n) => n + 1);
  }, []);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [time, setTime] = useState(item.startSec);
  useEffect(() => {
    const fps = item.peakSec > 0 ? (item.peakFrame + 0.5) / item.peakSec : FALLBACK_FPS;
    let active = true;
    client.api['runs.segments']({ runId: item.runId, startFrame: Math.max(0, Math.floor(item.startSec * fps) - 2), endFrame: Math.ceil(item.endSec * fps) + 2 }).then((s) => active && setSegments(s), () => undefined);
    return () => {
      active = false;
    };
  }, [client, item]);
  useEffect(() => {
    const video = videoElement.current;
    if (!video) return;
    const start = () => {
      video.currentTime = item.startSec;
      void video.play().catch(() => undefined);
    };
    const tick = () => {
      if (video.currentTime >= item.endSec) start();
      setTime(video.currentTime);
    };
    if (video.readyState >= 1) start();
    video.addEventListener('loadedmetadata', start);
    video.addEventListener('timeupdate', tick);
    return () => {
      video.removeEventListener('loadedmetadata', start);
      video.removeEventListener('timeupdate', tick);
    };
  }, [mounted, item]);
  const here = segments.filter((s) => s.startSec <= time && s.endSec > time).sort((a, b) => b.confidence - a.confidence);
  return (
    <div className="review-player">
      <Player client={client} videoId={item.videoId} videoRef={setVideo}>
        <div className="review-overlay" data-testid="review-overlay">
          {here.length > 0 ? here.map((s) => `${s.label} ${Math.round(s.confidence * 100)}%`).join(' · ') : '—'}
          <span className="muted"> {time.toFixed(1)} s</span>
        </div>
      </Player>
    </div>
  );
}

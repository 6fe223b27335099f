import type { ReactNode } from 'react';
import type { Client } from '../api/client.js';
import { useMediaUrl } from '../api/media.js';
import { usePlayback } from './usePlayback.js';

interface Props {
  client: Client;
  videoId: number;
  videoRef: (element: HTMLVideoElement | null) => void;
  /** Drawn over the video (the frame's labels). */
  children?: ReactNode;
}

/** The video, from the original file or its H.264 proxy, with whatever overlay is given. */
export function Player({ client, videoId, videoRef, children }: Props) {
  const source = usePlayback(client, videoId);
  const src = useMediaUrl(client.host, source?.kind === 'proxy' ? 'proxy' : 'video', videoId);
  let body: ReactNode;
  if (source === null) body = <div className="player-message">Loading…</div>;
  else if ((source.kind === 'original' || (source.kind === 'proxy' && source.state === 'ready')) && typeof src !== 'string') {
    // The web host is signing the URL, or refused to (the access token is gone).
    body =
      src === undefined ? (
        <div className="player-message">Loading…</div>
      ) : (
        <div className="player-message error" role="alert">
          The web host refused to open this video: open the address it printed at start again.
        </div>
      );
  } else if (source.kind === 'original' || (source.kind === 'proxy' && source.state === 'ready')) {
    body = (
      <>
        <video ref={videoRef} className="player-video" src={src ?? undefined} preload="auto" muted playsInline data-testid="video" />
        {children}
      </>
    );
  } else if (source.kind === 'proxy' && source.state === 'running') {
    body = (
      <div className="player-message" role="status">
        <p>
          {source.mode === 'remux'
            ? "This file's container cannot be played directly: copying its streams into MP4 once, without re-encoding (kept for next time)…"
            : "This file's video format cannot be played directly: making a playable H.264 copy once (kept for next time)…"}
        </p>
        {source.note ? <p className="player-note">{source.note}.</p> : null}
        <progress max={1} value={source.progress} aria-label="Making a playable copy" /> {Math.round(source.progress * 100)}%
      </div>
    );
  } else {
    body = (
      <div className="player-message error" role="alert">
        {source.kind === 'proxy' && source.state === 'failed' ? `This video cannot be played: Chromium cannot decode it and ${source.reason.replace(/^ffmpeg/, 'ffmpeg')}` : source.reason}
      </div>
    );
  }
  return <div className="player">{body}</div>;
}

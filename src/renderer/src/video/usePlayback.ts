import { useEffect, useState } from 'react';
import type { PlaybackSource } from '../../../shared/library.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

/** How to play the video: the original, or its H.264 proxy (made on demand, with progress). */
export function usePlayback(client: Client, videoId: number): PlaybackSource | { kind: 'error'; reason: string } | null {
  const [source, setSource] = useState<PlaybackSource | { kind: 'error'; reason: string } | null>(null);
  useEffect(() => {
    let active = true;
    const ask = () =>
      client.api['media.playback']({ videoId }).then(
        (s) => active && setSource(s),
        (e) => active && setSource({ kind: 'error', reason: errorText(e) }),
      );
    void ask();
    const off = client.on('media.proxy', (progress) => {
      if (progress.videoId !== videoId) return;
      if (progress.state === 'running') setSource((old) => ({ kind: 'proxy', state: 'running', progress: progress.progress, mode: progress.mode, note: old?.kind === 'proxy' && old.state === 'running' ? old.note : undefined }));
      else void ask();
    });
    return () => {
      active = false;
      off();
    };
  }, [client, videoId]);
  return source;
}

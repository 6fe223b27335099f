import { useEffect, useState } from 'react';
import type { VideoSummary } from '../../../shared/library.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

/** One library video by id (null while loading), or why it cannot be shown. */
export function useVideo(client: Client, videoId: number): { video: VideoSummary | null; error: string | null } {
  const [state, setState] = useState<{ video: VideoSummary | null; error: string | null }>({ video: null, error: null });
  useEffect(() => {
    let active = true;
    client.api['library.list']({}).then(
      (list) => {
        if (!active) return;
        const video = list.find((v) => v.id === videoId) ?? null;
        setState({ video, error: video ? null : `There is no video ${videoId} in the library (it may have been removed).` });
      },
      (e) => active && setState({ video: null, error: errorText(e) }),
    );
    return () => {
      active = false;
    };
  }, [client, videoId]);
  return state;
}

import { useCallback, useEffect, useState } from 'react';
import type { AnnotationTrackSummary } from '../../../shared/library.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

/** The video's annotation tracks, and importing a labels file as a new one. */
export function useAnnotations(client: Client, videoId: number) {
  const [tracks, setTracks] = useState<AnnotationTrackSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let active = true;
    client.api['annotations.listForVideo']({ videoId }).then(
      (list) => active && setTracks(list.map((track) => ({ ...track, revision: tick }))),
      (e) => active && setError(errorText(e)),
    );
    return () => {
      active = false;
    };
  }, [client, videoId, tick]);

  const importFile = useCallback(
    async (path: string) => {
      setError(null);
      try {
        await client.api['annotations.import']({ videoId, path });
        setTick((t) => t + 1);
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      }
    },
    [client, videoId],
  );
  /** Lists the tracks again (another view changed them). */
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { tracks, error, importFile, reload };
}

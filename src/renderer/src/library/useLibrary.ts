import { useCallback, useEffect, useState } from 'react';
import type { AddToLibraryReport, VideoSummary } from '../../../shared/library.js';
import type { Client } from '../api/client.js';

export interface LibraryState {
  videos: VideoSummary[] | null;
  busy: boolean;
  error: string | null;
  lastReport: AddToLibraryReport | null;
  addFromDialog(folders: boolean): Promise<void>;
  addPaths(paths: string[]): Promise<void>;
  remove(id: number): Promise<void>;
}

/** The library as the renderer sees it: loaded through the contract, reloaded on `library.changed`. */
export function useLibrary(client: Client): LibraryState {
  const [videos, setVideos] = useState<VideoSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastReport, setLastReport] = useState<AddToLibraryReport | null>(null);

  useEffect(() => {
    let active = true;
    const load = () =>
      client.api['library.list']({}).then(
        (list) => active && setVideos(list),
        (e: Error) => active && setError(e.message),
      );
    void load();
    const unsubscribe = client.on('library.changed', () => void load());
    return () => {
      active = false;
      unsubscribe();
    };
  }, [client]);

  const addPaths = useCallback(
    async (paths: string[]) => {
      setError(null);
      setBusy(true);
      try {
        setLastReport(await client.api['library.add']({ paths }));
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [client],
  );

  const addFromDialog = useCallback(
    async (folders: boolean) => {
      setError(null);
      const paths = await client.api['dialog.openVideos']({ folders });
      if (paths.length > 0) await addPaths(paths);
    },
    [client, addPaths],
  );

  const remove = useCallback(
    async (id: number) => {
      try {
        await client.api['library.remove']({ id });
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [client],
  );

  return { videos, busy, error, lastReport, addFromDialog, addPaths, remove };
}

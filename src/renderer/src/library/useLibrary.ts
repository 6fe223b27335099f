import { useCallback, useEffect, useState } from 'react';
import type { AddToLibraryReport, VideoSummary } from '../../../shared/library.js';
import type { RunSummary } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

export interface LibraryState {
  videos: VideoSummary[] | null;
  /** Runs per video id, loaded after the list. */
  runs: Map<number, RunSummary[]>;
  busy: boolean;
  /** Files read so far while adding. */
  progress: { done: number; total: number } | null;
  error: string | null;
  lastReport: AddToLibraryReport | null;
  addFromDialog(folders: boolean): Promise<void>;
  addPaths(paths: string[]): Promise<void>;
  remove(id: number): Promise<void>;
  locate(id: number, path: string): Promise<boolean>;
}

/** The library as the renderer sees it: loaded through the contract, reloaded on `library.changed` and when a job ends. */
export function useLibrary(client: Client): LibraryState {
  const [videos, setVideos] = useState<VideoSummary[] | null>(null);
  const [runs, setRuns] = useState<Map<number, RunSummary[]>>(new Map());
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastReport, setLastReport] = useState<AddToLibraryReport | null>(null);

  useEffect(() => {
    let active = true;
    const load = async () => {
      try {
        const list = await client.api['library.list']({});
        if (!active) return;
        setVideos(list);
        const entries = await Promise.all(list.map(async (v) => [v.id, await client.api['runs.listForVideo']({ videoId: v.id }).catch(() => [])] as const));
        if (active) setRuns(new Map(entries));
      } catch (e) {
        if (active) setError(errorText(e));
      }
    };
    void load();
    const offLibrary = client.on('library.changed', () => void load());
    const offProgress = client.on('library.progress', ({ done, total }) => setProgress({ done, total }));
    const offJob = client.on('analysis.job', (job) => {
      if (job.state !== 'running' && job.state !== 'queued') void load();
    });
    return () => {
      active = false;
      offLibrary();
      offProgress();
      offJob();
    };
  }, [client]);

  const addPaths = useCallback(
    async (paths: string[]) => {
      setError(null);
      setBusy(true);
      try {
        setLastReport(await client.api['library.add']({ paths }));
      } catch (e) {
        setError(errorText(e));
      } finally {
        setBusy(false);
        setProgress(null);
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
        setError(errorText(e));
      }
    },
    [client],
  );

  const locate = useCallback(
    async (id: number, path: string) => {
      setError(null);
      try {
        await client.api['library.locate']({ id, path });
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      }
    },
    [client],
  );

  return { videos, runs, busy, progress, error, lastReport, addFromDialog, addPaths, remove, locate };
}

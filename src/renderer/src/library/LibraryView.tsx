import { useMemo, useState, type DragEvent } from 'react';
import type { Client } from '../api/client.js';
import { AddByPath } from './AddByPath.js';
import { dropPaths } from './dropPaths.js';
import { useLibrary } from './useLibrary.js';
import { VideoRow } from './VideoRow.js';

type Filter = 'all' | 'analysed' | 'not-analysed' | 'missing';

export function LibraryView({ client, onOpen }: { client: Client; onOpen(id: number): void }) {
  const library = useLibrary(client);
  const { videos, lastReport, runs } = library;
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [dropping, setDropping] = useState(false);
  const [dropNote, setDropNote] = useState<string | null>(null);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (videos ?? []).filter((video) => {
      if (q && !video.path.toLowerCase().includes(q)) return false;
      const analysed = (runs.get(video.id) ?? []).some((r) => r.status === 'completed');
      if (filter === 'analysed') return analysed;
      if (filter === 'not-analysed') return !analysed;
      if (filter === 'missing') return video.missing;
      return true;
    });
  }, [videos, runs, query, filter]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    const { paths, unnamedFiles } = dropPaths(event.dataTransfer);
    setDropNote(unnamedFiles > 0 ? 'This browser does not tell ActionLens where dropped files are: type or paste their path in the box instead.' : null);
    if (paths.length > 0) void library.addPaths(paths);
  };
  const locateWithDialog = (id: number) =>
    void client.api['dialog.openVideos']({ folders: false }).then(async (paths) => {
      if (paths[0]) await library.locate(id, paths[0]);
    });

  return (
    <section
      className={`library${dropping ? ' dropping' : ''}`}
      aria-label="Library"
      onDragOver={(e) => {
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <div className="toolbar">
        <h2>Library</h2>
        <input className="search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search by name or folder" aria-label="Search videos" />
        <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} aria-label="Filter videos">
          <option value="all">All videos</option>
          <option value="analysed">Analysed</option>
          <option value="not-analysed">Not analysed</option>
          <option value="missing">Missing files</option>
        </select>
        <span className="spacer" />
        {library.busy && (
          <span className="status" role="status">
            Reading videos…{library.progress && ` ${library.progress.done} / ${library.progress.total}`}
            {library.progress && <progress max={library.progress.total} value={library.progress.done} />}
          </span>
        )}
        <AddByPath disabled={library.busy} onAdd={library.addPaths} />
        {client.host === 'desktop' && (
          <>
            <button type="button" onClick={() => void library.addFromDialog(false)} disabled={library.busy}>Add videos…</button>
            <button type="button" onClick={() => void library.addFromDialog(true)} disabled={library.busy}>Add folder…</button>
          </>
        )}
      </div>
      {library.error && <p className="error" role="alert">{library.error}</p>}
      {dropNote && <p className="notice">{dropNote}</p>}
      {lastReport && lastReport.skipped.length > 0 && (
        <details className="report">
          <summary>{lastReport.skipped.length} file(s) skipped</summary>
          <ul>
            {lastReport.skipped.map((skip) => (
              <li key={skip.path}><code>{skip.path}</code>: {skip.reason}</li>
            ))}
          </ul>
        </details>
      )}
      {videos === null ? (
        <p className="muted">Loading…</p>
      ) : videos.length === 0 ? (
        <p className="empty">No videos yet. Add video files or a folder to start: type a path above, or drop files or folders here.</p>
      ) : (
        <table className="video-table">
          <thead>
            <tr>
              <th>Name</th><th>Resolution</th><th>FPS</th><th>Duration</th><th>Frames</th><th>Codec</th><th>Size</th><th>Runs</th><th />
            </tr>
          </thead>
          <tbody>
            {shown.map((video) => (
              <VideoRow key={video.id} video={video} runs={runs.get(video.id)} host={client.host} onOpen={onOpen} onRemove={(id) => void library.remove(id)} onLocate={library.locate} onLocateWithDialog={locateWithDialog} />
            ))}
            {shown.length === 0 && (
              <tr><td colSpan={9} className="muted">No video matches.</td></tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

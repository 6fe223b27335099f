import type { Client } from '../api/client.js';
import { AddByPath } from './AddByPath.js';
import { formatDuration, formatFps, formatMiB } from './format.js';
import { useLibrary } from './useLibrary.js';

export function LibraryView({ client }: { client: Client }) {
  const library = useLibrary(client);
  const { videos, lastReport } = library;
  return (
    <section className="library" aria-label="Library">
      <div className="toolbar">
        <h2>Library</h2>
        <span className="spacer" />
        {library.busy && <span className="status" role="status">Reading videos…</span>}
        <AddByPath disabled={library.busy} onAdd={library.addPaths} />
        {client.host === 'desktop' && (
          <>
            <button type="button" onClick={() => void library.addFromDialog(false)} disabled={library.busy}>
              Add videos…
            </button>
            <button type="button" onClick={() => void library.addFromDialog(true)} disabled={library.busy}>
              Add folder…
            </button>
          </>
        )}
      </div>
      {library.error && <p className="error" role="alert">{library.error}</p>}
      {lastReport && lastReport.skipped.length > 0 && (
        <details className="report">
          <summary>{lastReport.skipped.length} file(s) skipped</summary>
          <ul>
            {lastReport.skipped.map((skip) => (
              <li key={skip.path}>
                <code>{skip.path}</code>: {skip.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {videos === null ? (
        <p className="muted">Loading…</p>
      ) : videos.length === 0 ? (
        <p className="empty">No videos yet. Add video files or a folder to start.</p>
      ) : (
        <table className="video-table">
          <thead>
            <tr>
              <th>Name</th><th>Resolution</th><th>FPS</th><th>Duration</th><th>Frames</th><th>Codec</th><th>Size</th><th />
            </tr>
          </thead>
          <tbody>
            {videos.map((video) => (
              <tr key={video.id} title={video.path}>
                <td className="name">{video.fileName}</td>
                <td>{video.probe.video.displayWidth}×{video.probe.video.displayHeight}</td>
                <td>{formatFps(video.probe)}</td>
                <td>{formatDuration(video.probe.durationSec)}</td>
                <td>{video.probe.video.frameCountSource === 'estimate' ? '~' : ''}{video.probe.video.frameCount}</td>
                <td>{video.probe.video.codec}</td>
                <td>{formatMiB(video.sizeBytes)}</td>
                <td>
                  <button type="button" className="link" onClick={() => void library.remove(video.id)} aria-label={`Remove ${video.fileName} from library`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

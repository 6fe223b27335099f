import { useState, type FormEvent } from 'react';
import type { AnnotationTrackSummary } from '../../../shared/library.js';

interface Props {
  tracks: readonly AnnotationTrackSummary[];
  error: string | null;
  onImport(path: string): Promise<boolean>;
}

/** Ground truth or hand-made labels beside the runs: import a labels file (e.g. the sample's `.labels.json`). */
export function AnnotationsSection({ tracks, error, onImport }: Props) {
  const [path, setPath] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void onImport(path.trim()).then((ok) => ok && setPath(''));
  };
  return (
    <>
      <h3>Annotations</h3>
      {tracks.length > 0 && (
        <ul className="run-list">
          {tracks.map((t) => (
            <li key={t.id} className="run annotation-item">
              <span />
              <div><strong>{t.name}</strong> <span className="muted">{t.segmentCount} segments</span></div>
            </li>
          ))}
        </ul>
      )}
      <form className="add-by-path annotations-import" onSubmit={submit}>
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/video.labels.json" aria-label="Path of a labels file to import" spellCheck={false} />
        <button type="submit" disabled={!path.trim()}>Import</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </>
  );
}

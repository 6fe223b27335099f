import { useState } from 'react';
import type { RunSummary } from '../../../shared/engine.js';
import { INTERCHANGE_FORMATS, type InterchangeFormat } from '../../../shared/tagging/interchange.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

const NAMES: Record<InterchangeFormat, string> = { eaf: 'ELAN .eaf', sportscode: 'Sportscode XML', longomatch: 'LongoMatch CSV', csv: 'CSV', json: 'JSON' };

/** Saves the active track, or a run, in an interchange format (a download, in the desktop app and the browser alike). */
export function ExportMenu({ client, trackId, runs }: { client: Client; trackId: number; runs: readonly RunSummary[] }) {
  const [format, setFormat] = useState<InterchangeFormat>('eaf');
  const [source, setSource] = useState('track');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      const { text, fileName } = await client.api['tags.export']({ source: source === 'track' ? { trackId } : { runId: Number(source) }, format });
      const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <span className="export-menu">
      <select value={source} onChange={(e) => setSource(e.target.value)} aria-label="Export what">
        <option value="track">this track</option>
        {runs.filter((r) => r.status === 'completed').map((r) => (
          <option key={r.id} value={r.id}>run {r.modelId} #{r.id}</option>
        ))}
      </select>
      <select value={format} onChange={(e) => setFormat(e.target.value as InterchangeFormat)} aria-label="Export format">
        {INTERCHANGE_FORMATS.map((f) => (
          <option key={f} value={f}>{NAMES[f]}</option>
        ))}
      </select>
      <button type="button" onClick={() => void save()}>Export</button>
      {error && <span className="error" role="alert">{error}</span>}
    </span>
  );
}

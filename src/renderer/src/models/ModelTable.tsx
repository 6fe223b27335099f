import type { ModelDetails } from '../../../shared/models.js';
import { inputSizeText } from '../../../shared/manifest-describe.js';

const ORIGIN_TEXT = { default: 'default', imported: 'imported', path: 'model path' } as const;

/** One dense row per model; clicking a row shows its details. */
export function ModelTable({ models, selectedId, onSelect }: { models: readonly ModelDetails[]; selectedId: string | null; onSelect(id: string): void }) {
  return (
    <table className="video-table model-table">
      <thead>
        <tr>
          <th>Id</th><th>Name</th><th>Family</th><th>Architecture</th><th>Input</th><th>Clip</th><th className="num">Labels</th><th>Origin</th>
        </tr>
      </thead>
      <tbody>
        {models.map(({ summary: m, origin }) => (
          <tr key={m.id} className={m.id === selectedId ? 'selected' : undefined} data-model-id={m.id} onClick={() => onSelect(m.id)}>
            <td>
              <button type="button" className="open" onClick={() => onSelect(m.id)} aria-pressed={m.id === selectedId} aria-label={`Show model ${m.id}`}>{m.id}</button>
            </td>
            <td className="model-name" title={m.trainedOn ? `${m.name}: trained on ${m.trainedOn}` : m.name}>{m.name}{m.trainedOn && <span className="trained-on"> · trained on {m.trainedOn}</span>}</td>
            <td>{m.family}</td>
            <td>{m.architecture}</td>
            <td>{inputSizeText(m)}</td>
            <td>{m.clip ? `${m.clip.length} every ${m.clip.frameInterval}` : '—'}</td>
            <td className="num">{m.labels.length}</td>
            <td><span className={`badge origin-${origin}`} title={m.dir}>{ORIGIN_TEXT[origin]}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useState } from 'react';
import { colorOf } from '../../../shared/timeline/colors.js';

/** The classes on the timeline with their colours; searchable, since a model may have hundreds. */
export function Legend({ labels, present, colors }: { labels: readonly string[]; present: readonly number[]; colors: Map<number, string> }) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = present.filter((c) => !q || (labels[c] ?? '').toLowerCase().includes(q));
  return (
    <div className="legend" aria-label="Legend">
      {present.length > 12 && (
        <input type="search" className="legend-search" placeholder={`Search ${present.length} classes`} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search the legend" />
      )}
      <ul>
        {shown.map((c) => (
          <li key={c}>
            <i style={{ background: colorOf(colors, c) }} />
            {labels[c] ?? `class ${c}`}
          </li>
        ))}
        {present.length === 0 && <li className="muted">No segments in view yet.</li>}
        {present.length > 0 && shown.length === 0 && <li className="muted">No class matches “{query}”.</li>}
      </ul>
    </div>
  );
}

import { useState } from 'react';

/** A model's labels in output order (index = class), searchable once there are more than fit at a glance. */
export function LabelList({ labels }: { labels: readonly string[] }) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = labels.map((label, index) => ({ label, index })).filter(({ label }) => !q || label.toLowerCase().includes(q));
  return (
    <div className="label-list">
      {labels.length > 20 && (
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={`Search ${labels.length} labels`} aria-label="Search the labels" />
      )}
      <ol aria-label="Labels">
        {shown.map(({ label, index }) => (
          <li key={index}><span className="muted">{index}</span> {label}</li>
        ))}
        {shown.length === 0 && <li className="muted">No label matches “{query}”.</li>}
      </ol>
    </div>
  );
}

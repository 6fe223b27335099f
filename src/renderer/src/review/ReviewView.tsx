import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReviewCount, ReviewFilter, ReviewItem, ReviewVerdict } from '../../../shared/review.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { ItemPanel } from './ItemPanel.js';
import { ReviewList } from './ReviewList.js';
import { RuleEditor } from './RuleEditor.js';
import { useReviewItems } from './useReviewItems.js';
import { useReviewKeys } from './useReviewKeys.js';
import { useReviewSources } from './useReviewSources.js';
import { SourcesPanel } from './SourcesPanel.js';

/** The review queue: items newest first, filters, counts per day and source, keyboard triage. */
export function ReviewView({ client }: { client: Client }) {
  const [filter, setFilter] = useState<ReviewFilter>({ state: 'all' });
  const items = useReviewItems(client, filter);
  const [current, setCurrent] = useState(0);
  // [Note: keys arrive faster than renders; the current row lives in a ref too, so ten quick
  //  presses of R mark ten rows, not the same row ten times.]
  const currentRef = useRef(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [playing, setPlaying] = useState(false);
  const [noteFocus, setNoteFocus] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const { sources, rules, setRules, error: sourcesError } = useReviewSources(client);
  const [counts, setCounts] = useState<ReviewCount[]>([]);

  const refreshCounts = useCallback(() => void client.api['review.counts']({}).then(setCounts, () => undefined), [client]);
  useEffect(() => refreshCounts(), [refreshCounts]);
  // Items made (a watched folder's runs completing), recomputed, triaged elsewhere, or a source
  // removed: the `review.changed` event says so, and the loaded pages and counts are read again.
  const { reload } = items;
  useEffect(
    () =>
      client.on('review.changed', () => {
        reload();
        refreshCounts();
      }),
    [client, reload, refreshCounts],
  );
  const changeFilter = useCallback((change: (f: ReviewFilter) => ReviewFilter) => {
    setFilter(change);
    currentRef.current = 0;
    setCurrent(0);
    setSelected(new Set());
    setPlaying(false);
  }, []);

  const item = items.at(current);

  const moveTo = useCallback((index: number) => {
    currentRef.current = Math.max(0, Math.min(items.total - 1, index));
    setCurrent(currentRef.current);
  }, [items.total]);

  const mark = useCallback(
    async (verdict: ReviewVerdict | null) => {
      const target = items.at(currentRef.current);
      const chosen = selected.size > 0 ? [...selected] : target ? [target.id] : [];
      if (chosen.length === 0) return;
      const now = new Date().toISOString();
      const changed = [];
      for (let i = 0; i < items.total; i++) {
        const it = items.at(i);
        if (it && chosen.includes(it.id)) changed.push({ ...it, verdict, reviewedAt: verdict === null ? null : now });
      }
      items.patch(changed);
      if (selected.size === 0) moveTo(currentRef.current + 1);
      setSelected(new Set());
      try {
        const answer = await client.api['review.mark']({ itemIds: chosen, verdict });
        items.setUnreviewedTotal(answer.unreviewedTotal);
        setMessage(`${chosen.length} item${chosen.length === 1 ? '' : 's'} ${verdict === null ? 'back to unreviewed' : verdict === 'false_alarm' ? 'marked false alarm' : 'marked reviewed'}`);
      } catch (e) {
        setMessage(errorText(e));
        items.reload();
      }
    },
    [client, items, selected, moveTo],
  );

  useReviewKeys({
    move: (by) => moveTo(currentRef.current + by),
    mark: (verdict) => void mark(verdict),
    open: () => setPlaying(true),
    note: () => setNoteFocus((n) => n + 1),
    toggleSelect: () => {
      const target = items.at(currentRef.current);
      if (target) setSelected((s) => toggle(s, target.id));
    },
    exportItem: () => document.querySelector<HTMLButtonElement>('[data-testid="export-incident"]')?.click(),
  });

  // [Note: the rows' callbacks stay the same functions while pages load (they read the items
  //  through a ref), so a page arriving re-renders only the rows whose item changed.]
  const itemsRef = useRef(items);
  const moveRef = useRef(moveTo);
  useLayoutEffect(() => {
    itemsRef.current = items;
    moveRef.current = moveTo;
  });
  const onPick = useCallback((index: number, event: React.MouseEvent) => {
    const picked = itemsRef.current.at(index);
    if ((event.ctrlKey || event.metaKey || event.shiftKey) && picked) setSelected((s) => toggle(s, picked.id));
    else moveRef.current(index);
  }, []);
  const onOpen = useCallback((index: number) => {
    moveRef.current(index);
    setPlaying(true);
  }, []);
  const onNote = useCallback((updated: ReviewItem) => itemsRef.current.patch([updated]), []);

  const days = [...new Set(counts.map((c) => c.day))];
  const classList = [...new Set(sources.length > 0 ? collectClasses(items) : [])];
  return (
    <div className="review-view">
      <nav className="review-counts" aria-label="Counts per day and source">
        <h2>Review queue</h2>
        <p data-testid="review-total">
          {items.total} item{items.total === 1 ? '' : 's'} · <strong>{items.unreviewedTotal} unreviewed</strong>
        </p>
        {days.map((day) => (
          <div key={day} className="review-day">
            <button type="button" className={`link${filter.day === day ? ' on' : ''}`} onClick={() => changeFilter((f) => ({ ...f, day: f.day === day ? undefined : day }))}>{day}</button>
            {counts.filter((c) => c.day === day).map((c) => (
              <div key={c.sourceId} className="muted review-count">
                {c.sourceName}: {c.total} ({c.unreviewed} new)
              </div>
            ))}
          </div>
        ))}
        <h3>Alert rules</h3>
        {rules.map((rule) => (
          <RuleEditor key={`${rule.id}:${rule.minConfidence}`} client={client} rule={rule} onSaved={(saved) => {
            setRules((all) => all.map((r) => (r.id === saved.id ? saved : r)));
          }} />
        ))}
        <SourcesPanel client={client} sources={sources} />
        {sourcesError && <p className="error" role="alert">{sourcesError}</p>}
      </nav>
      <section className="review-main">
        <div className="toolbar review-filters">
          <select aria-label="Source" value={filter.sourceId ?? ''} onChange={(e) => changeFilter((f) => ({ ...f, sourceId: e.target.value ? Number(e.target.value) : undefined }))}>
            <option value="">All sources</option>
            {sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          <select aria-label="Class" value={filter.className ?? ''} onChange={(e) => changeFilter((f) => ({ ...f, className: e.target.value || undefined }))}>
            <option value="">All classes</option>
            {[...new Set([...classList, ...(filter.className ? [filter.className] : [])])].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
          <select aria-label="State" value={filter.state ?? 'all'} onChange={(e) => changeFilter((f) => ({ ...f, state: e.target.value as ReviewFilter['state'] }))}>
            <option value="all">All</option>
            <option value="unreviewed">Unreviewed</option>
            <option value="reviewed">Reviewed</option>
            <option value="false_alarm">False alarms</option>
          </select>
          {filter.day && <button type="button" onClick={() => changeFilter((f) => ({ ...f, day: undefined }))}>{filter.day} ✕</button>}
          <span className="spacer" />
          <span className="muted review-keys">J/K · R reviewed · F false alarm · U undo · Enter play · N note · X select · E export</span>
        </div>
        {message && <p className="status" role="status" data-testid="review-message">{message}</p>}
        {items.error && <p className="error" role="alert">{items.error}</p>}
        {items.loaded && items.total === 0 ? (
          <p className="empty">No review items{filter.state !== 'all' || filter.sourceId || filter.day || filter.className ? ' for this filter' : ' yet: add a source (its folder watched), or run actionlens sources add and actionlens watch'}.</p>
        ) : (
          <ReviewList client={client} items={items} current={current} selected={selected} onPick={onPick} onOpen={onOpen} />
        )}
      </section>
      {item && <ItemPanel key={item.id} client={client} item={item} playing={playing} noteFocus={noteFocus} onNote={onNote} />}
    </div>
  );
}

function toggle(set: ReadonlySet<number>, id: number): ReadonlySet<number> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** Classes of the loaded items (the class filter's choices). */
function collectClasses(items: ReturnType<typeof useReviewItems>): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(items.total, 400); i++) for (const c of items.at(i)?.classes ?? []) seen.add(c);
  return [...seen].sort();
}

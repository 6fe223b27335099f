import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewFilter, ReviewItem } from '../../../shared/review.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

export const PAGE_SIZE = 200;

export interface ReviewItems {
  total: number;
  unreviewedTotal: number;
  /** The item at an index, or undefined while its page loads. */
  at(index: number): ReviewItem | undefined;
  /** Asks for the pages covering [first, last]; cheap when they are loaded. */
  want(first: number, last: number): void;
  /** Reloads every page (after marking, or when items were recomputed). */
  reload(): void;
  /** Replaces items in place (an answer to a mark or note), without a reload. */
  patch(items: ReviewItem[]): void;
  /** The unreviewed count as a mark's answer gives it. */
  setUnreviewedTotal(count: number): void;
  error: string | null;
  loaded: boolean;
}

/**
 * The queue's items for a filter, fetched a page at a time as the list scrolls to them, so a
 * queue of thousands of items opens with one page. [Note: pages are by offset in newest-first
 * order; a new filter drops them all, a reload replaces each as its answer arrives.]
 */
export function useReviewItems(client: Client, filter: ReviewFilter): ReviewItems {
  const pages = useRef(new Map<number, ReviewItem[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const [version, setVersion] = useState(0);
  const [total, setTotal] = useState(0);
  const [unreviewedTotal, setUnreviewedTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(filter);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);

  const load = useCallback(
    (page: number) => {
      if (pending.current.has(page)) return;
      pending.current.add(page);
      const gen = generation.current;
      client.api['review.items']({ ...(JSON.parse(key) as ReviewFilter), offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (answer) => {
          if (gen !== generation.current) return;
          pending.current.delete(page);
          pages.current.set(page, answer.items);
          setTotal(answer.total);
          setUnreviewedTotal(answer.unreviewedTotal);
          setLoadedKey(key);
          setVersion((v) => v + 1);
        },
        (e) => {
          pending.current.delete(page);
          setError(errorText(e));
        },
      );
    },
    [client, key],
  );

  // [Note: a reload (on every review.changed) keeps the loaded pages on screen until their fresh
  //  copies arrive, so the current item, its open panel and a note being typed stay put; answers
  //  of an older generation are dropped.]
  const reload = useCallback(() => {
    const loadedPages = [...pages.current.keys()];
    generation.current += 1;
    pending.current.clear();
    for (const page of loadedPages.length > 0 ? loadedPages : [0]) load(page);
  }, [load]);

  useEffect(() => {
    generation.current += 1;
    pages.current.clear();
    pending.current.clear();
    load(0);
  }, [load]);

  const at = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [version]); // eslint-disable-line react-hooks/exhaustive-deps
  const want = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(Math.max(0, first) / PAGE_SIZE); page <= Math.floor(Math.max(0, last) / PAGE_SIZE); page++) if (!pages.current.has(page)) load(page);
    },
    [load],
  );
  const patch = useCallback((items: ReviewItem[]) => {
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const [page, list] of pages.current) pages.current.set(page, list.map((i) => byId.get(i.id) ?? i));
    setVersion((v) => v + 1);
  }, []);

  return { total, unreviewedTotal, setUnreviewedTotal, at, want, reload, patch, error, loaded: loadedKey === key };
}

/**
 * The unreviewed count for the header, read again on every `review.changed` event (items made or
 * recomputed, triage here or in another window) and when a restarted core host runs; no polling.
 */
export function useUnreviewedCount(client: Client): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let active = true;
    const ask = () => void client.api['review.items']({ limit: 0 }).then((page) => active && setCount(page.unreviewedTotal), () => undefined);
    ask();
    const offChanged = client.on('review.changed', ask);
    const offHost = client.on('core.host', (status) => status.state === 'running' && ask());
    return () => {
      active = false;
      offChanged();
      offHost();
    };
  }, [client]);
  return count;
}

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Client } from '../api/client.js';
import { ReviewRow, ROW_HEIGHT } from './ReviewRow.js';
import { ScrollPace, SETTLE_MS } from '../../../shared/scroll-pace.js';
import { PAGE_SIZE, type ReviewItems } from './useReviewItems.js';

const OVERSCAN = 6;

interface Props {
  client: Client;
  items: ReviewItems;
  current: number;
  selected: ReadonlySet<number>;
  onPick: (index: number, event: React.MouseEvent) => void;
  onOpen: (index: number) => void;
}

/**
 * The queue as a virtual list: only the rows in view (plus a few) exist in the DOM, at fixed
 * heights, so thousands of items scroll as smoothly as ten; rows flung past ask for no thumbnail,
 * nor do the overscan rows until they come into view ([Note: previews wait for a slow scroll]).
 */
export function ReviewList({ client, items, current, selected, onPick, onOpen }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const pace = useRef(new ScrollPace());
  const settle = useRef(0);
  const [flinging, setFlinging] = useState(false);
  useEffect(() => () => window.clearTimeout(settle.current), []);

  const onScroll = (element: HTMLDivElement) => {
    setView({ top: element.scrollTop, height: element.clientHeight });
    if (!pace.current.flinging(element.scrollTop, performance.now())) return;
    setFlinging(true);
    window.clearTimeout(settle.current);
    settle.current = window.setTimeout(() => setFlinging(false), SETTLE_MS);
  };

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setView({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the current row in view when the keyboard moves it.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const top = current * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [current]);

  const firstInView = Math.floor(view.top / ROW_HEIGHT);
  const lastInView = Math.ceil((view.top + view.height) / ROW_HEIGHT);
  const first = Math.max(0, firstInView - OVERSCAN);
  const last = Math.min(items.total - 1, lastInView + OVERSCAN);
  const { want } = items;
  // A page ahead and behind, so scrolling meets loaded rows.
  useEffect(() => want(first - PAGE_SIZE / 2, last + PAGE_SIZE / 2), [want, first, last]);

  const rows = [];
  for (let index = first; index <= last; index++) {
    const item = items.at(index);
    rows.push(<ReviewRow key={item?.id ?? `i${index}`} client={client} item={item} index={index} current={index === current} selected={item !== undefined && selected.has(item.id)} previews={!flinging && index >= firstInView && index <= lastInView} onPick={onPick} onOpen={onOpen} />);
  }
  return (
    <div className="review-list" ref={box} role="listbox" aria-label="Review items" data-testid="review-list" onScroll={(e) => onScroll(e.currentTarget)}>
      <div style={{ height: items.total * ROW_HEIGHT, position: 'relative' }}>{rows}</div>
    </div>
  );
}

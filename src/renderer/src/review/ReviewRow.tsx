import { memo, useState } from 'react';
import type { ReviewItem } from '../../../shared/review.js';
import type { Client } from '../api/client.js';
import { usePreview } from './usePreview.js';

export const ROW_HEIGHT = 76;
const SPRITE_FRAMES = 8;

interface Props {
  client: Client;
  item: ReviewItem | undefined;
  index: number;
  current: boolean;
  selected: boolean;
  /** False while the list is flung: the thumbnail is asked for once it slows (cached ones still show). */
  previews: boolean;
  onPick: (index: number, event: React.MouseEvent) => void;
  onOpen: (index: number) => void;
}

// [Note: one formatter for every row: toLocaleString builds a new Intl formatter per call, which
//  costs more than the rest of a row's render while the list scrolls.]
const WHEN = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function localTime(iso: string): string {
  return WHEN.format(new Date(iso));
}

function Thumb({ client, item, load }: { client: Client; item: ReviewItem; load: boolean }) {
  const [hover, setHover] = useState(false);
  const thumb = usePreview(client, item.id, 'thumb', load);
  const sprite = usePreview(client, item.id, 'sprite', hover);
  const showSprite = hover && typeof sprite === 'string' && sprite !== 'failed';
  return (
    <div className="review-thumb" onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)} data-testid="review-thumb">
      {showSprite ? (
        <div className="review-sprite" style={{ backgroundImage: `url(${sprite})`, backgroundSize: `${SPRITE_FRAMES * 100}% 100%` }} aria-label="Preview of the item" />
      ) : thumb === 'failed' ? (
        <span className="muted">no picture</span>
      ) : thumb ? (
        <img src={thumb} alt="" />
      ) : null}
    </div>
  );
}

/** One review item: thumbnail (hover: a preview across its span), when, where, what, state. */
export const ReviewRow = memo(function ReviewRow({ client, item, index, current, selected, previews, onPick, onOpen }: Props) {
  const style = { top: index * ROW_HEIGHT, height: ROW_HEIGHT };
  if (!item) return <div className="review-row loading" style={style} />;
  const state = item.verdict === null ? null : item.verdict === 'false_alarm' ? 'false alarm' : 'reviewed';
  return (
    <div
      className={`review-row${current ? ' current' : ''}${selected ? ' selected' : ''}${item.verdict ? ' done' : ''}`}
      style={style}
      role="option"
      aria-selected={current}
      data-item-id={item.id}
      onClick={(event) => onPick(index, event)}
      onDoubleClick={() => onOpen(index)}
    >
      <Thumb client={client} item={item} load={previews} />
      <div className="review-text">
        <div className="review-title">
          <strong>{item.classes.join(', ')}</strong> <span className="score">{Math.round(item.score * 100)}%</span>
          {item.people !== null && <span className="badge">{item.people} {item.people === 1 ? 'person' : 'people'}</span>}
          {state && <span className={`badge ${item.verdict === 'false_alarm' ? 'danger' : ''}`}>{state}</span>}
          {selected && <span className="badge">selected</span>}
        </div>
        <div className="muted">
          {localTime(item.startedAt)} · {item.sourceName} · {(item.endSec - item.startSec).toFixed(1)} s
        </div>
        {item.note && <div className="review-note">“{item.note}”</div>}
      </div>
    </div>
  );
});

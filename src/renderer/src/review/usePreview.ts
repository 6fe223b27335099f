import { useEffect, useState } from 'react';
import type { Client } from '../api/client.js';

/** Previews already fetched, by item and kind: scrolling back shows them at once. Bounded, oldest dropped first. */
const cache = new Map<string, string>();
const MAX_CACHED = 600;

/** An item's thumbnail or hover sprite (data URL); null while loading or when `enabled` is false, 'failed' when it could not be made. */
export function usePreview(client: Client, itemId: number, kind: 'thumb' | 'sprite', enabled = true): string | null | 'failed' {
  const key = `${itemId}:${kind}`;
  const [answer, setAnswer] = useState<{ key: string; url: string | 'failed' } | null>(null);
  const cached = cache.get(key);
  useEffect(() => {
    if (!enabled || cache.has(key)) return;
    let active = true;
    // A row scrolled past quickly never asks: wait a moment first.
    const timer = window.setTimeout(() => {
      client.api['review.preview']({ itemId, kind }).then(
        ({ dataUrl }) => {
          cache.set(key, dataUrl);
          if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
          if (active) setAnswer({ key, url: dataUrl });
        },
        () => active && setAnswer({ key, url: 'failed' }),
      );
    }, kind === 'thumb' ? 120 : 0);
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [client, itemId, kind, key, enabled]);
  return cached ?? (answer?.key === key ? answer.url : null);
}

import type { ActionLensBridge } from '../../../shared/bridge.js';
import { CALL_NAMES, EVENT_NAMES, type EventName } from '../../../shared/channels.js';
import type { CallOutcome } from '../../../shared/contract.js';
import { EVENTS_SUBPROTOCOL, MAX_MEDIA_URLS_PER_REQUEST, MEDIA_URLS_PATH, TOKEN_SUBPROTOCOL_PREFIX, type MediaKind } from '../../../shared/webHost.js';
import { setWebMediaUrlMinter, type MediaUrlMinter } from './media.js';
import { takeWebToken } from './webSession.js';

const NO_TOKEN = 'The web host refused the access token: open the address it printed at start.';

/**
 * The bridge for the browser host: calls are `POST /api/call/<name>` with the token as
 * `Authorization: Bearer`, events arrive on the `/api/events` WebSocket (token as a subprotocol),
 * and media elements get signed URLs (see [Note: web host credentials] in src/main/web/auth.ts).
 */
export function createHttpBridge(origin: string = window.location.origin, token: string | null = takeWebToken()): ActionLensBridge {
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const calls = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      async (args: unknown): Promise<CallOutcome<unknown>> => {
        const response = await fetch(`${origin}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...authorization },
          body: JSON.stringify(args ?? {}),
          credentials: 'omit',
        });
        if (response.headers.get('content-type')?.startsWith('application/json')) return (await response.json()) as CallOutcome<unknown>;
        const message = response.status === 401 ? NO_TOKEN : `The web host answered ${response.status}: ${await response.text()}`;
        return { ok: false, error: { name: 'AppError', code: response.status === 401 ? 'INVALID_ARGUMENT' : 'INTERNAL', message } };
      },
    ]),
  ) as ActionLensBridge['calls'];
  setWebMediaUrlMinter(batchedMinter(origin, authorization));

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(EVENT_NAMES.map((name) => [name, new Set()]));
  let retryMs = 500;
  const connect = () => {
    const protocols = token ? [EVENTS_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token] : [EVENTS_SUBPROTOCOL];
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/events`, protocols);
    socket.onopen = () => (retryMs = 500);
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: EventName; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    // The host restarted or the network blinked: reconnect with backoff.
    socket.onclose = () => setTimeout(connect, (retryMs = Math.min(retryMs * 2, 10_000)));
  };
  connect();

  return {
    host: 'web',
    calls,
    on(name, listener) {
      const set = listeners.get(name);
      if (!set) throw new Error(`unknown event "${String(name)}"`);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/**
 * Signed media URLs, asked for in batches (every thumbnail of a library screen renders in the
 * same tick) and reused while they have more than an hour left, so a re-render keeps its `src`.
 */
function batchedMinter(origin: string, authorization: Record<string, string>): MediaUrlMinter {
  const cache = new Map<string, { url: string; expiresMs: number }>();
  const pending: { kind: MediaKind; id: number; resolve(url: string): void; reject(error: Error): void }[] = [];
  const flush = async () => {
    const batch = pending.splice(0, MAX_MEDIA_URLS_PER_REQUEST);
    if (pending.length > 0) void flush();
    try {
      const response = await fetch(`${origin}${MEDIA_URLS_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authorization },
        body: JSON.stringify({ items: batch.map(({ kind, id }) => ({ kind, id })) }),
        credentials: 'omit',
      });
      if (!response.ok) throw new Error(response.status === 401 ? NO_TOKEN : `The web host answered ${response.status}: ${await response.text()}`);
      const { urls } = (await response.json()) as { urls: string[] };
      batch.forEach((item, i) => {
        const url = `${origin}${urls[i]}`;
        const expiresMs = Number(new URL(url).searchParams.get('exp')) * 1000;
        cache.set(`${item.kind}/${item.id}`, { url, expiresMs });
        item.resolve(url);
      });
    } catch (error) {
      for (const item of batch) item.reject(error as Error);
    }
  };
  return (kind, id) => {
    const cached = cache.get(`${kind}/${id}`);
    if (cached && cached.expiresMs - Date.now() > 60 * 60 * 1000) return Promise.resolve(cached.url);
    return new Promise((resolve, reject) => {
      if (pending.length === 0) setTimeout(() => void flush(), 0);
      pending.push({ kind, id, resolve, reject });
    });
  };
}

import type { ActionLensBridge } from '../../../shared/bridge.js';
import { CALL_NAMES, EVENT_NAMES, type EventName } from '../../../shared/channels.js';
import type { CallOutcome } from '../../../shared/contract.js';

/**
 * The bridge for the browser host: calls are `POST /api/call/<name>` and events arrive on the
 * `/api/events` WebSocket. The access token travels in an HttpOnly cookie the host set when the
 * page was first opened, so nothing here handles it.
 */
export function createHttpBridge(origin: string = window.location.origin): ActionLensBridge {
  const calls = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      async (args: unknown): Promise<CallOutcome<unknown>> => {
        const response = await fetch(`${origin}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(args ?? {}),
          credentials: 'same-origin',
        });
        if (response.headers.get('content-type')?.startsWith('application/json')) return (await response.json()) as CallOutcome<unknown>;
        const message = response.status === 401 ? 'The web host refused the access token: open the address it printed at start.' : `The web host answered ${response.status}: ${await response.text()}`;
        return { ok: false, error: { name: 'AppError', code: response.status === 401 ? 'INVALID_ARGUMENT' : 'INTERNAL', message } };
      },
    ]),
  ) as ActionLensBridge['calls'];

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(EVENT_NAMES.map((name) => [name, new Set()]));
  let retryMs = 500;
  const connect = () => {
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/events`);
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

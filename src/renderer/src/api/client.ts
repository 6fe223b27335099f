import type { ActionLensBridge } from '../../../shared/bridge.js';
import { CALL_NAMES, type EventName } from '../../../shared/channels.js';
import type { ActionLensApi, EventPayload } from '../../../shared/contract.js';
import { deserializeError } from '../../../shared/errors.js';

declare global {
  interface Window {
    actionlensBridge?: ActionLensBridge;
  }
}

export interface Client {
  host: ActionLensBridge['host'];
  api: ActionLensApi;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** A typed client over a bridge: resolves with the call's result or throws the AppError it carried. */
export function createClient(bridge: ActionLensBridge): Client {
  const api = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      async (args: unknown) => {
        const outcome = await bridge.calls[name](args);
        if (outcome.ok) return outcome.value;
        throw deserializeError(outcome.error);
      },
    ]),
  ) as ActionLensApi;
  return {
    host: bridge.host,
    api,
    on: (name, listener) => bridge.on(name, (payload) => listener(payload as never)),
  };
}

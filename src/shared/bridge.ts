import type { CallName, EventName } from './channels.js';
import type { CallOutcome } from './contract.js';

/**
 * What the preload exposes on `window.actionlensBridge`: one function per contract call, each
 * resolving to an outcome envelope, and a subscription that hands listeners only the payload.
 * The renderer wraps it in a typed client (src/renderer/src/api).
 */
export interface ActionLensBridge {
  /** `desktop` has native dialogs; `web` (the browser host) does not. */
  host: 'desktop' | 'web';
  calls: { [K in CallName]: (args: unknown) => Promise<CallOutcome<unknown>> };
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

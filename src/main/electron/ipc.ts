import { ipcMain, type WebContents } from 'electron';
import { CALL_NAMES, EVENT_NAMES, callChannel, eventChannel } from '../../shared/channels.js';
import { AppError, serializeError } from '../../shared/errors.js';
import { dispatchCall, type PartialHandlers } from '../core/api/dispatch.js';
import type { CoreConnection } from '../core/host/connection.js';

/**
 * Binds every contract call to `ipcMain.handle`. Each message is answered only when it comes
 * from the main frame of one of the app's own windows showing the app's own page
 * (`isAppContents`, given the frame's URL), and its payload is validated by the
 * contract's schema inside `dispatchCall`. The shell's own calls (native dialogs, `shellHandlers`)
 * run here; every other call is forwarded to the core's host process. Core events are forwarded
 * to every app window.
 */
export function bindContractToIpc(core: CoreConnection, shellHandlers: PartialHandlers, isAppContents: (sender: WebContents, frameUrl: string) => boolean, windows: () => WebContents[]): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event, rawArgs: unknown) => {
      // Only the main frame of one of our windows: never an iframe or a page navigated elsewhere.
      if (!event.senderFrame || event.senderFrame !== event.sender.mainFrame || !isAppContents(event.sender, event.senderFrame.url)) {
        return { ok: false, error: serializeError(new AppError('INVALID_ARGUMENT', `${name}: refused a call from a window ActionLens did not open`)) };
      }
      return Object.hasOwn(shellHandlers, name) ? dispatchCall(shellHandlers, name, rawArgs) : core.call(name, rawArgs);
    });
  }
  const unsubscribers = EVENT_NAMES.map((name) =>
    core.on(name, (payload) => {
      for (const contents of windows()) contents.send(eventChannel(name), payload);
    }),
  );
  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(callChannel(name));
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

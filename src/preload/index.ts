/**
 * Exposes the contract, and only the contract, to the sandboxed renderer: one function per call
 * and an event subscription that passes listeners the payload alone (never ipcRenderer or the
 * IpcRendererEvent). Imports nothing but channel names, so the bundle stays tiny.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ActionLensBridge } from '../shared/bridge.js';
import { CALL_NAMES, EVENT_NAMES, callChannel, eventChannel, type EventName } from '../shared/channels.js';

const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(callChannel(name), args)]),
) as ActionLensBridge['calls'];

const bridge: ActionLensBridge = {
  host: 'desktop',
  calls,
  on(name: EventName, listener: (payload: unknown) => void) {
    if (!EVENT_NAMES.includes(name)) throw new Error(`unknown event "${String(name)}"`);
    const channel = eventChannel(name);
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('actionlensBridge', bridge);
// Dropped files: Electron no longer puts a path on File; this gives it for drag and drop, nothing else.
contextBridge.exposeInMainWorld('actionlensFiles', { pathFor: (file: File) => webUtils.getPathForFile(file) });

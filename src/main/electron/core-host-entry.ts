/**
 * The core's host in the desktop app: an Electron utilityProcess (see core-host.ts), speaking the
 * same protocol as the Node child of `actionlens serve` (core/host/serve-core.ts) over parentPort.
 */
import type { HostMessage } from '../../shared/core-host.js';
import { serveCore } from '../core/host/serve-core.js';

const port = process.parentPort;
serveCore(
  {
    send: (message: HostMessage) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', (event) => listener(event.data)),
  },
  () => process.exit(0),
);

/**
 * The core's host process for `actionlens serve` (and the tests): a Node child process forked
 * with an IPC channel (see fork-host.ts).
 */
import type { HostMessage } from '../../../shared/core-host.js';
import { serveCore } from './serve-core.js';

if (!process.send) throw new Error('node-entry.ts runs as a forked child process (child_process.fork) only');
// Ctrl-C in a terminal reaches the whole process group: the shell closes this core itself.
process.on('SIGINT', () => undefined);
const send = (message: HostMessage) => void process.send?.(message);
const served = serveCore({ send, onMessage: (listener) => process.on('message', listener) }, () => process.disconnect());
// The IPC channel closes when the shell dies (even by SIGKILL): stop the jobs, close the database, go.
process.on('disconnect', () => void served.close().finally(() => process.exit(0)));

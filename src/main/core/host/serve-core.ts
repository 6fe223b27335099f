import { EVENT_NAMES } from '../../../shared/channels.js';
import type { HostMessage, HostRequest } from '../../../shared/core-host.js';
import { serializeError } from '../../../shared/errors.js';
import { openAppCore, type AppCore, type AppCoreOptions } from '../app.js';
import { configureLogging, log, type LogOptions } from '../log/logger.js';
import { inProcessCore } from './connection.js';

/** The two ends a host process talks through: Node's IPC channel or Electron's parentPort. */
export interface HostPort {
  send(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** What the shell sends as the first message: the options to open the core with. */
export interface HostOpen {
  type: 'open';
  options: AppCoreOptions;
  /** Where the host process logs (see core/log/logger.ts); none: silent. */
  log?: LogOptions;
}

/**
 * The host process's side: waits for `open`, opens the core, requeues runs whose owner is gone
 * (a host killed mid-run: its runs resume here, from their last committed chunk), starts watching
 * the watched sources, then answers requests and forwards every event. Calls run concurrently, as over IPC or HTTP.
 */
export function serveCore(port: HostPort, onClosed: () => void): { close(): Promise<void> } {
  let core: ReturnType<typeof inProcessCore> | undefined;
  const open = async (message: HostOpen) => {
    let app: AppCore | undefined;
    try {
      if (message.log) configureLogging(message.log);
      app = openAppCore(message.options);
      // A command's --queue must answer before the core is ready (its error is the command's); stored settings never block.
      await app.placement.opened();
      log().info({ databaseFile: app.store.file, pid: process.pid }, 'core host started');
      app.analysis.requeueInterrupted();
      core = inProcessCore(app);
      for (const name of EVENT_NAMES) core.on(name, (payload) => port.send({ type: 'event', name, payload }));
      // The long-running core watches the sources marked watched (the CLI's commands do not).
      app.watch.start();
      port.send({ type: 'ready', databaseFile: app.store.file, pid: process.pid });
    } catch (error) {
      await app?.close().catch(() => undefined);
      port.send({ type: 'failed', error: serializeError(error) });
    }
  };
  port.onMessage((raw) => {
    const message = raw as HostOpen | HostRequest;
    if (message.type === 'open') {
      void open(message);
      return;
    }
    if (!core) return;
    const opened = core;
    if (message.type === 'call') {
      void opened.call(message.name, message.payload).then((outcome) => port.send({ type: 'reply', id: message.id, outcome }));
    } else if (message.type === 'media') {
      void opened
        .mediaFile(message.kind, message.mediaId)
        .catch((error: Error) => ({ ok: false as const, reason: error.message }))
        .then((answer) => port.send({ type: 'media', id: message.id, answer }));
    } else if (message.type === 'close') {
      core = undefined;
      void opened.close().finally(() => {
        port.send({ type: 'closed', id: message.id });
        onClosed();
      });
    }
  });
  return {
    async close() {
      const opened = core;
      core = undefined;
      await opened?.close();
    },
  };
}

import { Redis } from 'ioredis';
import { AppError } from '../../../shared/errors.js';
import type { QueueConnection } from './connection.js';

/**
 * One PING on a connection of its own that gives up at once (BullMQ's connections retry forever,
 * right for workers, wrong for a settings screen waiting for an answer): a refused connection, a
 * wrong password or a TLS failure is a one-line error naming the field and the URL, never the password.
 */
export async function probeRedis(connection: QueueConnection, timeoutMs = 5000): Promise<void> {
  const client = new Redis({ ...connection.redis, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // With retries off, connect() rejects with a bare "Connection is closed."; the cause arrives as an 'error' event.
  let cause: unknown = null;
  client.on('error', (error) => (cause ??= error));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', `${connection.field}: cannot use the queue at ${connection.display}: ${describe(cause ?? error)}.`, { field: connection.field });
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/WRONGPASS|invalid username-password/i.test(message)) return 'the user or password is wrong';
  if (/NOAUTH/i.test(message)) return 'it asks for a password';
  if (/ECONNREFUSED/.test(message)) return 'nothing listens there (connection refused)';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'no such host';
  if (/certificate|SSL|TLS|wrong version number/i.test(message)) return `TLS failed (${message.split('\n')[0]}); check rediss:// and the CA file`;
  return message.split('\n')[0]!.replace(/\.+$/, '');
}

import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import type { RedisOptions } from 'bullmq';
import { AppError } from '../../../shared/errors.js';

/** Queue names in Redis (BullMQ prefixes them with `bull:`). Results go to one queue per coordinator. */
export const JOBS_QUEUE = 'actionlens-jobs';
export const resultsQueueName = (coordinatorId: string): string => `actionlens-results-${coordinatorId}`;

export interface QueueConnectionOptions {
  /** Allow a Redis without a password on a non-loopback address (`--insecure-redis`). */
  insecure?: boolean;
  /** A PEM file of the CA that signed the server's certificate (rediss:// URLs). */
  tlsCaFile?: string;
  /** The option or field errors name (default `--queue`; the settings screen's `queueUrl`). */
  field?: string;
}

export interface QueueConnection {
  /** ioredis options, for BullMQ's `connection`. */
  redis: RedisOptions;
  /** The URL without its password, for logs and errors. */
  display: string;
  /** The option or field errors about it name. */
  field: string;
}

/**
 * Parses `redis://[user:pass@]host:port[/db]` (or `rediss://` for TLS) into ioredis options.
 * [Note: Redis security] Whoever reaches the queue can make every worker read any file it maps and
 * can forge results, so a Redis on another machine must ask for a password (an ACL user or
 * requirepass) unless the operator says otherwise explicitly; a loopback Redis is reachable only
 * from this machine. The password never appears in `display`.
 */
export function queueConnection(url: string, options: QueueConnectionOptions = {}): QueueConnection {
  const field = options.field ?? '--queue';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_ARGUMENT', `${field}: "${redact(url)}" is not a URL; expected redis://[user:pass@]host:port.`, { field });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new AppError('INVALID_ARGUMENT', `${field}: "${redact(url)}" must start with redis:// or rediss://.`, { field });
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const display = redact(url);
  if (!password && !isLoopback(host) && !options.insecure) {
    throw new AppError('INVALID_ARGUMENT', `${field}: ${display} has no password and is not on this machine; give one (redis://user:pass@host:port) or pass --insecure-redis.`, { field });
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new AppError('INVALID_ARGUMENT', `${field}: ${display}: the database number must be a non-negative integer.`, { field });
  const tls = parsed.protocol === 'rediss:' ? { ...(isIP(host) ? {} : { servername: host }), ...(options.tlsCaFile ? { ca: readCa(options.tlsCaFile, field) } : {}) } : undefined;
  return {
    display,
    field,
    redis: {
      host,
      port: parsed.port ? Number(parsed.port) : 6379,
      username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
      password,
      db,
      tls,
      // BullMQ workers block on Redis; a request must wait out a Redis restart rather than fail.
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(200 * attempt, 2000),
    },
  };
}

/** A certificate file is small: anything else (a device, a folder, a huge file) is refused before reading. */
function readCa(file: string, field: string): Buffer {
  const tlsField = field === '--queue' ? '--tls-ca' : 'tlsCaFile';
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats && (!stats.isFile() || stats.size > 1_000_000)) throw new AppError('INVALID_ARGUMENT', `${tlsField}: ${file} is not a CA certificate file (PEM).`, { field: tlsField });
  try {
    return readFileSync(file);
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', `${tlsField}: cannot read the CA certificate ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { field: tlsField });
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The URL with its password replaced by `***`. */
export function redact(url: string): string {
  return url.replace(/^(\w+:\/\/[^:@/]*:)[^@]*@/, '$1***@');
}

/** BullMQ retries a connection forever; at start, a Redis that does not answer within `ms` is an error naming it (never its password). */
export async function readyWithin(work: Promise<unknown>, connection: QueueConnection, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('INVALID_ARGUMENT', `${connection.field}: no answer from ${connection.display} within ${ms / 1000} s (is Redis running there, and the user and password right?).`, { field: connection.field })), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The API contract: every call between renderer and main declared once — its name, the zod
 * schema of its arguments and the type of its result — and every event likewise. The Electron
 * shell binds it to IPC, the web host to HTTP/WebSocket; both validate with `parseCallArgs`.
 */
import { z } from 'zod';
import type { CallName, EventName } from './channels.js';
import { AppError, type SerializedError } from './errors.js';
import type { AddToLibraryReport, AppInfo, VideoSummary } from './library.js';
import type { VideoProbe } from './media.js';

export interface CallSpec<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type only. */
  result?: R;
}

const call = <A extends z.ZodType>(args: A) => ({
  returns: <R>(): CallSpec<A, R> => ({ args }),
});

const filePath = z.string().min(1, 'must not be empty').max(4096, 'is longer than 4096 characters');
const videoId = z.number().int().positive();

export const calls = {
  'app.info': call(z.object({}).strict()).returns<AppInfo>(),
  'library.list': call(z.object({}).strict()).returns<VideoSummary[]>(),
  'library.add': call(z.object({ paths: z.array(filePath).min(1, 'must name at least one file or folder') }).strict()).returns<AddToLibraryReport>(),
  'library.remove': call(z.object({ id: videoId }).strict()).returns<{ removed: boolean }>(),
  'media.probe': call(z.object({ path: filePath }).strict()).returns<VideoProbe>(),
  'dialog.openVideos': call(z.object({ folders: z.boolean().default(false) }).strict()).returns<string[]>(),
} satisfies { [K in CallName]: CallSpec<z.ZodType, unknown> };

export const events = {
  'library.changed': z.object({ reason: z.enum(['added', 'removed']) }),
} satisfies { [K in EventName]: z.ZodType };

export type Calls = typeof calls;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type ParsedCallArgs<K extends CallName> = z.output<Calls[K]['args']>;
export type CallResult<K extends CallName> = NonNullable<Calls[K]['result']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** What a process implements to serve the contract (or part of it). */
export type CallHandlers = { [K in CallName]: (args: ParsedCallArgs<K>) => Promise<CallResult<K>> };

/** The renderer's view: one async function per call. */
export type ActionLensApi = {
  [K in CallName]: (args: CallArgs<K>) => Promise<CallResult<K>>;
};

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

/**
 * Validates a call's raw payload against its schema. A mismatch becomes an INVALID_ARGUMENT
 * error naming the call, the first offending field and why, e.g.
 * `library.add: invalid argument "paths.0": must not be empty`.
 */
export function parseCallArgs<K extends CallName>(name: K, raw: unknown): ParsedCallArgs<K> {
  const parsed = calls[name].args.safeParse(raw);
  if (parsed.success) return parsed.data as ParsedCallArgs<K>;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(arguments)';
  const reason = issue?.message ?? 'is invalid';
  throw new AppError('INVALID_ARGUMENT', `${name}: invalid argument "${field}": ${reason}`, { field });
}

/** Envelope for results crossing IPC: Electron keeps only `message` of a rejected error. */
export type CallOutcome<R> = { ok: true; value: R } | { ok: false; error: SerializedError };

/**
 * The message protocol between a shell (the web host, Electron's main process) and the process
 * hosting the application core (a Node child process, Electron's utilityProcess). One request id
 * per call; replies carry the call's envelope, errors as `{ code, message, field, file }` that the
 * shell rebuilds as AppError (see deserializeError). Events flow one way, core to shell.
 */
import type { EventName } from './channels.js';
import type { CallOutcome } from './contract.js';
import type { SerializedError } from './errors.js';
import type { MediaKind } from './webHost.js';

/** The file behind a media route, checked unchanged by the core; the shell streams it itself. */
export type MediaFileAnswer = { ok: true; file: string; contentType?: string } | { ok: false; reason: string };

/** Shell → core host. */
export type HostRequest =
  | { type: 'call'; id: number; name: string; payload: unknown }
  | { type: 'media'; id: number; kind: MediaKind; mediaId: number }
  | { type: 'close'; id: number };

/** Core host → shell. */
export type HostMessage =
  | { type: 'ready'; databaseFile: string; pid: number }
  | { type: 'failed'; error: SerializedError }
  | { type: 'reply'; id: number; outcome: CallOutcome<unknown> }
  | { type: 'media'; id: number; answer: MediaFileAnswer }
  | { type: 'closed'; id: number }
  | { type: 'event'; name: EventName; payload: unknown };

/**
 * What the web host and the page it serves agree on to authenticate (see [Note: web host
 * credentials] in src/main/web/auth.ts): no cookie; the token as `Authorization: Bearer`, or as
 * a WebSocket subprotocol; media through signed URLs the page asks for.
 */

/** The WebSocket subprotocol the host answers with; the token travels as a second one. */
export const EVENTS_SUBPROTOCOL = 'actionlens';
export const TOKEN_SUBPROTOCOL_PREFIX = 'actionlens.token.';

/** `POST { items: [{ kind, id }] }` answers `{ urls: string[] }`, one signed URL per item. */
export const MEDIA_URLS_PATH = '/api/media-urls';

/** At most this many URLs per request. */
export const MAX_MEDIA_URLS_PER_REQUEST = 500;

export type MediaKind = 'video' | 'proxy' | 'thumb';

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { TOKEN_SUBPROTOCOL_PREFIX, type MediaKind } from '../../shared/webHost.js';

/*
 * [Note: web host credentials] Browsers do not separate cookies by port, so any cookie this host
 * set would also be sent to every other server on 127.0.0.1 (and `__Host-` cookies need https).
 * The host therefore sets no cookie at all:
 * - The page gets the token once in its address (`/?token=`), keeps it in sessionStorage (scoped
 *   to scheme + host + *port*, so no other local origin can read it) and drops it from the address
 *   bar. Calls send it as `Authorization: Bearer`, which a page of another origin cannot add
 *   without a CORS preflight this host never answers; the WebSocket, which cannot carry headers,
 *   sends it as a subprotocol (`actionlens.token.<token>`).
 * - `<video>` and `<img>` cannot send headers either: the page asks the host (with the token) for
 *   per-resource URLs signed with HMAC-SHA256 under a random key that lives only in this process,
 *   naming the media kind, the video id and an expiry. A signed URL opens that one file and
 *   nothing else, dies with the host process, and expires after MEDIA_URL_TTL_SECONDS.
 * - Every request must name this host by its own address and port in `Host` (`isOwnHost`): a
 *   DNS-rebinding page reaches the socket under its own domain name and is refused with 421.
 * The renderer build itself (index.html, scripts, styles) holds no data and is served without the
 * token, so a reload (token taken from sessionStorage) works.
 */

/** How long a signed media URL opens its file: a whole review session, not days. */
export const MEDIA_URL_TTL_SECONDS = 12 * 60 * 60;

export { EVENTS_SUBPROTOCOL } from '../../shared/webHost.js';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where a request's token came from, or null when it carries none that matches. Never a cookie, never the query. */
export function authenticate(request: IncomingMessage, token: string): 'header' | 'subprotocol' | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined && sameSecret(bearer, token)) return 'header';
  for (const protocol of (request.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const value = protocol.trim();
    if (value.startsWith(TOKEN_SUBPROTOCOL_PREFIX) && sameSecret(value.slice(TOKEN_SUBPROTOCOL_PREFIX.length), token)) return 'subprotocol';
  }
  return null;
}

export interface BoundAddress {
  address: string;
  port: number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;
const WILDCARD = new Set(['0.0.0.0', '::']);

/**
 * True when a `Host` header names this server: its own address (an IP literal, or `localhost`
 * when it listens on loopback: browsers never ask DNS for it) and its own port. A host listening
 * on every interface accepts any IP literal. A domain name is refused: that is what a
 * DNS-rebinding page sends.
 */
export function isOwnHost(hostHeader: string | undefined, bound: BoundAddress): boolean {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(hostHeader ?? '');
  if (!match) return false;
  if (Number(match[3] ?? 80) !== bound.port) return false;
  const name = (match[1] ?? match[2] ?? '').toLowerCase();
  if (name === 'localhost') return LOOPBACK.test(bound.address);
  if (isIP(name) === 0) return false;
  return WILDCARD.has(bound.address) || name === bound.address;
}

/** True when a browser's `Origin` (if any) is this host's own: `http://` + a Host that `isOwnHost` accepts. */
export function isOwnOrigin(origin: string | undefined, bound: BoundAddress): boolean {
  if (origin === undefined) return true; // not a browser cross-origin request
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.origin === origin && isOwnHost(url.host, bound);
  } catch {
    return false;
  }
}

/** Signs and checks per-resource media URLs with a key that never leaves this process. */
export class MediaSigner {
  private readonly key = randomBytes(32);

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** `/media/<kind>/<id>?exp=<unix seconds>&sig=<HMAC>`: opens this one file until it expires. */
  sign(kind: MediaKind, id: number): string {
    const exp = Math.floor(this.now() / 1000) + MEDIA_URL_TTL_SECONDS;
    return `/media/${kind}/${id}?exp=${exp}&sig=${this.mac(kind, id, exp)}`;
  }

  /** Whether `url`'s signature opens `<kind>/<id>` now. */
  verify(kind: MediaKind, id: number, url: URL): boolean {
    const expText = url.searchParams.get('exp') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    if (!/^\d{1,12}$/.test(expText)) return false;
    const exp = Number(expText);
    if (exp * 1000 <= this.now()) return false;
    return sameSecret(sig, this.mac(kind, id, exp));
  }

  private mac(kind: MediaKind, id: number, exp: number): string {
    return createHmac('sha256', this.key).update(`${kind}/${id}/${exp}`).digest('base64url');
  }
}

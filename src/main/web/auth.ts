import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'actionlens_token';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined; // malformed: as if absent
    }
  }
  return undefined;
}

/**
 * Where a request's token came from, or null when it has none that matches. The browser gets the
 * token once in the URL (`?token=`); the server answers with an HttpOnly, SameSite=Strict cookie,
 * so page assets, <video> range requests and the WebSocket carry it without any script seeing it.
 * Programs may send `Authorization: Bearer <token>` instead.
 */
export function authenticate(request: IncomingMessage, url: URL, token: string): 'header' | 'cookie' | 'query' | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined && sameToken(bearer, token)) return 'header';
  const cookie = cookieValue(request.headers.cookie, TOKEN_COOKIE);
  if (cookie !== undefined && sameToken(cookie, token)) return 'cookie';
  const query = url.searchParams.get('token');
  if (query !== null && sameToken(query, token)) return 'query';
  return null;
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Refuses cross-site requests that a browser would send with the cookie: the Origin must be ours. */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser cross-origin request
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

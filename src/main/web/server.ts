import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { EVENT_NAMES } from '../../shared/channels.js';
import type { CallOutcome } from '../../shared/contract.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { AppCore } from '../core/app.js';
import { dispatchCall } from '../core/api/dispatch.js';
import { fileResponse } from '../core/serve/fileRange.js';
import { mediaFile, type MediaKind } from '../core/media/media-files.js';
import { authenticate, generateToken, isSameOrigin, tokenCookie } from './auth.js';
import { serveStatic } from './static.js';

export interface WebHostOptions {
  /** The renderer build (electron-vite's out/renderer). */
  rendererDir: string;
  /** Default 127.0.0.1: loopback only. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Default: a fresh random token. */
  token?: string;
}

export interface WebHost {
  /** The address to open, token included. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** HTTP status for a failed call: the envelope in the body says the rest. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  FILE_NOT_FOUND: 422, NOT_A_FILE: 422, EMPTY_FILE: 422, UNREADABLE: 422,
  NOT_MEDIA: 422, NO_VIDEO_STREAM: 422, CORRUPT_MEDIA: 422, DECODE_FAILED: 422,
  CANCELLED: 409,
};

/**
 * The web host: the same core and the same renderer build as the desktop app, with the API
 * contract over HTTP (`POST /api/call/<name>`) and events over a WebSocket (`/api/events`).
 * Every request needs the token. There are no native dialogs here: `dialog.*` answers 404.
 */
export async function startWebHost(core: AppCore, options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? generateToken();
  const rendererDir = resolve(options.rendererDir);
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`internal error: ${error.message}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Never inside another site's frame (clickjacking); a <meta> CSP cannot say this.
    response.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    response.setHeader('X-Frame-Options', 'DENY');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const auth = authenticate(request, url, token);
    if (auth === null) {
      response.writeHead(401, { 'Content-Type': 'text/plain' }).end('ActionLens web host: missing or wrong access token');
      return;
    }
    // Cookies are not scoped by port: a page from another local server is "same site". Browsers
    // say where a request comes from; anything but our own pages (or a typed address) is refused.
    const fetchSite = request.headers['sec-fetch-site'];
    if (auth === 'cookie' && fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end('cross-site request refused');
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('malformed percent-encoding in the path');
      return;
    }
    const isPage = request.method === 'GET' && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/media/');
    if (auth === 'query' && isPage) {
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      response.writeHead(303, { Location: url.pathname + url.search, 'Set-Cookie': tokenCookie(token) }).end();
      return;
    }
    if (pathname.startsWith('/api/call/')) return handleCall(request, response, pathname.slice('/api/call/'.length));
    const media = /^\/media\/(video|proxy|thumb)\/(\d+)$/.exec(pathname);
    if (media) return handleMedia(request, response, media[1] as MediaKind, Number(media[2]));
    if (pathname.startsWith('/media/')) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such media route');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    await serveStatic(rendererDir, pathname, response);
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
    if (!isSameOrigin(request)) return void response.writeHead(403).end('cross-origin call refused');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return void response.writeHead(415).end('send the arguments as application/json');
    }
    const body = await readBody(request);
    let outcome: CallOutcome<unknown>;
    if (body === null) {
      outcome = { ok: false, error: { name: 'AppError', code: 'INVALID_ARGUMENT', message: `${name}: the request body is larger than 1 MiB` } };
    } else {
      let args: unknown;
      try {
        args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        outcome = await dispatchCall(core.handlers, name, args);
      } catch {
        outcome = { ok: false, error: { name: 'AppError', code: 'INVALID_ARGUMENT', message: `${name}: the request body is not valid JSON` } };
      }
    }
    const status = outcome.ok ? 200 : (STATUS_BY_CODE[outcome.error.code] ?? 500);
    response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(outcome));
  }

  async function handleMedia(request: IncomingMessage, response: ServerResponse, kind: MediaKind, id: number): Promise<void> {
    const found = await mediaFile(core.store, dirname(core.store.file), kind, id);
    if (!found.ok) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end(found.reason);
    const file = await fileResponse(found.file, request.headers.range).catch(() => null);
    if (!file) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`media file is missing: ${found.file}`);
    if (found.contentType) file.headers['Content-Type'] = found.contentType;
    response.writeHead(file.status, file.headers);
    if (!file.body || request.method === 'HEAD') return void response.end();
    response.on('close', () => file.body?.destroy());
    file.body.pipe(response);
  }

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/events' || authenticate(request, url, token) === null || !isSameOrigin(request)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  const unsubscribers = EVENT_NAMES.map((name) =>
    core.on(name, (payload) => {
      const message = JSON.stringify({ event: name, payload });
      for (const client of sockets.clients) client.send(message);
    }),
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const { address, port } = server.address() as AddressInfo;
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: async () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The body, or null when it exceeds MAX_BODY_BYTES. */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

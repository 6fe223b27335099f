import { realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { EVENT_NAMES } from '../../shared/channels.js';
import { MEDIA_URLS_PATH } from '../../shared/webHost.js';
import type { CallOutcome } from '../../shared/contract.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { AppCore } from '../core/app.js';
import { inProcessCore, type CoreConnection } from '../core/host/connection.js';
import { fileResponse } from '../core/serve/fileRange.js';
import type { MediaKind } from '../../shared/webHost.js';
import { authenticate, EVENTS_SUBPROTOCOL, generateToken, isOwnHost, isOwnOrigin, MediaSigner, type BoundAddress } from './auth.js';
import { parseMediaUrlRequest } from './media-urls.js';
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
  // The database cannot serve (damaged, full, locked, newer): the envelope names the file and the recovery path.
  DB_CORRUPT: 503, DB_ERROR: 503, DB_FROM_FUTURE: 503,
};

const text = (response: ServerResponse, status: number, body: string) => void response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);

/**
 * The web host: the same core and the same renderer build as the desktop app, with the API
 * contract over HTTP (`POST /api/call/<name>`) and events over a WebSocket (`/api/events`).
 * Calls and events need the token; media need it or a signed URL (see [Note: web host
 * credentials] in auth.ts). There are no native dialogs here: `dialog.*` answers 404.
 * The core is in this process (an AppCore) or in its host process (a HostedCore): this loop keeps
 * only HTTP, auth, static files and streaming media files the core names.
 */
export async function startWebHost(opened: AppCore | CoreConnection, options: WebHostOptions): Promise<WebHost> {
  const core: CoreConnection = 'handlers' in opened ? inProcessCore(opened) : opened;
  const token = options.token ?? generateToken();
  const rendererDir = realpathSync(resolve(options.rendererDir));
  const signer = new MediaSigner();
  let bound: BoundAddress = { address: '', port: 0 };
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
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Signed media URLs and the token-bearing first address never leave in a Referer.
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (!isOwnHost(request.headers.host, bound)) return text(response, 421, `ActionLens web host: this server answers only as ${originOf(bound)}`);
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return text(response, 400, 'malformed percent-encoding in the path');
    }
    const media = /^\/media\/(video|proxy|thumb)\/(\d{1,15})$/.exec(pathname);
    if (media) {
      const [kind, id] = [media[1] as MediaKind, Number(media[2])];
      if (authenticate(request, token) === null && !signer.verify(kind, id, url)) return text(response, 401, 'ActionLens web host: missing, wrong or expired media signature');
      return handleMedia(request, response, kind, id);
    }
    if (pathname.startsWith('/api/') || pathname.startsWith('/media/')) {
      if (authenticate(request, token) !== 'header') return text(response, 401, 'ActionLens web host: missing or wrong access token');
      if (!isOwnOrigin(request.headers.origin, bound)) return text(response, 403, 'cross-origin request refused');
      if (pathname.startsWith('/api/call/')) return handleCall(request, response, pathname.slice('/api/call/'.length));
      if (pathname === MEDIA_URLS_PATH) return handleMediaUrls(request, response);
      return text(response, 404, 'no such route');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET' }).end();
    // The renderer build holds no data: served without the token, so a reload works.
    await serveStatic(rendererDir, pathname, response);
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
    const body = await readJson(request, response);
    if (body === undefined) return;
    const outcome: CallOutcome<unknown> =
      body.ok ? await core.call(name, body.value) : { ok: false, error: { name: 'AppError', code: 'INVALID_ARGUMENT', message: `${name}: ${body.reason}` } };
    const status = outcome.ok ? 200 : (STATUS_BY_CODE[outcome.error.code] ?? 500);
    response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(outcome));
  }

  async function handleMediaUrls(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
    const body = await readJson(request, response);
    if (body === undefined) return;
    const parsed = body.ok ? parseMediaUrlRequest(body.value) : body;
    if (!parsed.ok) return text(response, 400, `media URLs: ${parsed.reason}`);
    const urls = parsed.value.map(({ kind, id }) => signer.sign(kind, id));
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ urls }));
  }

  async function handleMedia(request: IncomingMessage, response: ServerResponse, kind: MediaKind, id: number): Promise<void> {
    const found = await core.mediaFile(kind, id);
    if (!found.ok) return text(response, 404, found.reason);
    const file = await fileResponse(found.file, request.headers.range).catch(() => null);
    if (!file) return text(response, 404, `media file is missing: ${found.file}`);
    if (found.contentType) file.headers['Content-Type'] = found.contentType;
    response.writeHead(file.status, file.headers);
    if (!file.body || request.method === 'HEAD') return void response.end();
    response.on('close', () => file.body?.destroy());
    file.body.on('error', () => response.destroy()).pipe(response);
  }

  const sockets = new WebSocketServer({
    noServer: true,
    // Answer with the plain protocol name, never echoing the token one.
    handleProtocols: (protocols) => (protocols.has(EVENTS_SUBPROTOCOL) ? EVENTS_SUBPROTOCOL : false),
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!isOwnHost(request.headers.host, bound) || url.pathname !== '/api/events' || authenticate(request, token) === null || !isOwnOrigin(request.headers.origin, bound)) {
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
  bound = server.address() as AddressInfo;
  const origin = originOf(bound);
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

function originOf({ address, port }: BoundAddress): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/**
 * The JSON body (`{}` when empty), a reason it is unusable, or undefined once the response was
 * sent (wrong content type: 415).
 */
async function readJson(request: IncomingMessage, response: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false; reason: string } | undefined> {
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
    text(response, 415, 'send the arguments as application/json');
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, reason: 'the request body is larger than 1 MiB' };
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  try {
    return { ok: true, value: body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown) };
  } catch {
    return { ok: false, reason: 'the request body is not valid JSON' };
  }
}

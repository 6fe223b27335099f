import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { CoreConnection } from '../core/host/connection.js';
import { fileResponse } from '../core/serve/fileRange.js';
import type { MediaKind } from '../../shared/webHost.js';
import { APP_SCHEME } from './policy.js';

/**
 * `actionlens-media://video/<id>` (the library's videos, by id), `…://proxy/<id>` (their H.264
 * playback proxy) and `…://thumb/<id>` (thumbnails), with range requests. Never `file://`.
 */
export const MEDIA_SCHEME = 'actionlens-media';

/**
 * Must run before `app` is ready, once (a second call replaces the first): the app's own scheme
 * for the renderer (app-protocol.ts) and the media scheme. Neither bypasses the CSP.
 */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** The core names the file (and checks it is unchanged); this process streams it. */
export function handleMediaProtocol(core: CoreConnection): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const id = Number(url.pathname.replace(/^\//, ''));
    const kind = url.hostname as MediaKind;
    if (!['video', 'proxy', 'thumb'].includes(kind)) return new Response('no such media route', { status: 404 });
    const found = await core.mediaFile(kind, id);
    if (!found.ok) return new Response(found.reason, { status: 404 });
    try {
      const response = await fileResponse(found.file, request.headers.get('range'));
      if (found.contentType) response.headers['Content-Type'] = found.contentType;
      const body = response.body ? (Readable.toWeb(response.body) as ReadableStream) : null;
      return new Response(body, { status: response.status, headers: response.headers });
    } catch {
      return new Response(`media file is missing: ${found.file}`, { status: 404 });
    }
  });
}

import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { Store } from '../core/store/index.js';
import { fileResponse } from '../core/serve/fileRange.js';

/** `actionlens-media://video/<id>`: the library's videos, by id, with range requests. Never `file://`. */
export const MEDIA_SCHEME = 'actionlens-media';

/** Must run before `app` is ready. */
export function registerMediaSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

export function handleMediaProtocol(store: Store): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const id = Number(url.pathname.replace(/^\//, ''));
    const video = url.hostname === 'video' && Number.isInteger(id) ? store.videos.get(id) : undefined;
    if (!video) return new Response('no such video in the library', { status: 404 });
    try {
      const response = await fileResponse(video.path, request.headers.get('range'));
      const body = response.body ? (Readable.toWeb(response.body) as ReadableStream) : null;
      return new Response(body, { status: response.status, headers: response.headers });
    } catch {
      return new Response(`video file is missing: ${video.path}`, { status: 404 });
    }
  });
}

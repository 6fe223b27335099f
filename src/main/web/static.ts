import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves a file of the renderer build (`pathname` already percent-decoded); anything outside
 * `root` or missing answers 404. `root` must be a real path (no symlink in it): the file's own
 * real path must stay inside it, so a symlink in the build that points elsewhere is not followed.
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  const real = file.startsWith(root + sep) ? await realpath(file).catch(() => null) : null;
  const info = real?.startsWith(root + sep) ? await stat(real).catch(() => null) : null;
  if (!real || !info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': relative.startsWith('assets/') ? 'max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(real).on('error', () => response.destroy()).pipe(response);
}

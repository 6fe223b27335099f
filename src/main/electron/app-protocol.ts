import { readFile, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, appAssetPath, assetContentType, CONTENT_SECURITY_POLICY } from './policy.js';

/**
 * Serves the renderer build as `actionlens://app/…` instead of `file://`: a page on `file://`
 * shares its origin with every local file, and Chromium gives it extra powers. Only files whose
 * real path is inside the build are served (no `..`, no symlink out).
 */
export function handleAppProtocol(rendererDir: string): void {
  const rootPromise = realpath(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const root = await rootPromise;
    const file = appAssetPath(root, request.url);
    const real = file ? await realpath(file).catch(() => null) : null;
    if (!real || !real.startsWith(root + sep)) return new Response('not found', { status: 404 });
    const body = await readFile(real).catch(() => null);
    if (!body) return new Response('not found', { status: 404 });
    return new Response(body, { headers: { 'Content-Type': assetContentType(real), 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' } });
  });
}

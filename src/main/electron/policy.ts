/**
 * The desktop shell's security decisions as plain functions (no `electron` import), so they are
 * unit-tested without the Electron binary; window.ts, protocol.ts and ipc.ts apply them.
 */
import { normalize, sep } from 'node:path';

/** The renderer is served as `actionlens://app/…` (see app-protocol.ts), never from `file://`. */
export const APP_SCHEME = 'actionlens';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Only our own bundle, our media protocol for video, nothing inline, nothing remote. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: actionlens-media:",
  "media-src 'self' actionlens-media:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Permissions a page may be granted: none. ActionLens needs no camera, microphone, location,
 * notifications, clipboard reading, MIDI, HID, serial or USB; anything asked for is refused.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set();

export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}

/**
 * Where the window loads the renderer from. The dev server (electron-vite's ELECTRON_RENDERER_URL)
 * only in an unpackaged build, and only on loopback: in a packaged app the variable is ignored,
 * so nobody can point the installed app at a page of their choosing.
 */
export function rendererEntry(isPackaged: boolean, env: Record<string, string | undefined>): string {
  const devServer = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !devServer) return APP_ENTRY_URL;
  let url: URL;
  try {
    url = new URL(devServer);
  } catch {
    return APP_ENTRY_URL;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback ? url.href : APP_ENTRY_URL;
}

/** True for a URL of the app's own pages: the app protocol, or the entry the window was given (the dev server). */
export function isAppPageUrl(url: string, entry: string): boolean {
  // Compared by scheme, host and port: Node's URL gives custom schemes the origin "null".
  const key = (text: string) => {
    const parsed = new URL(text);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  };
  try {
    const page = key(url);
    return page !== null && page === key(entry);
  } catch {
    return false;
  }
}

/**
 * The file of the renderer build behind an `actionlens://app/<path>` request, or null when the
 * request is for another host, is malformed, or would leave `rootDir` (`..`, encoded slashes,
 * NUL). The caller still checks the real path (symlinks) before reading.
 */
export function appAssetPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = normalize(rootDir).replace(/[\\/]+$/, '');
  const file = normalize(`${root}${sep}${relative}`);
  return file.startsWith(root + sep) ? file : null;
}

const ASSET_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function assetContentType(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && ASSET_TYPES[file.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

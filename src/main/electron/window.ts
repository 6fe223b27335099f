import { join } from 'node:path';
import { BrowserWindow, session } from 'electron';

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
  "frame-ancestors 'none'",
].join('; ');

const appWindows = new Set<BrowserWindow>();

export function appWebContents(): Electron.WebContents[] {
  return [...appWindows].filter((w) => !w.isDestroyed()).map((w) => w.webContents);
}

export function isAppWebContents(contents: Electron.WebContents): boolean {
  return appWebContents().includes(contents);
}

/** Sets the CSP header on every response of the default session (dev server and packaged files). */
export function installContentSecurityPolicy(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#15171a',
    title: 'ActionLens',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  appWindows.add(window);
  window.on('closed', () => appWindows.delete(window));
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  // The app is one page: navigation away from it and new windows are refused (no
  // shell.openExternal either: nothing the page shows is trusted to pick a URL).
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}

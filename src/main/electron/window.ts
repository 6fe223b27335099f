import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { CONTENT_SECURITY_POLICY, isPermissionGranted, rendererEntry } from './policy.js';

const appWindows = new Set<BrowserWindow>();

export function appWebContents(): Electron.WebContents[] {
  return [...appWindows].filter((w) => !w.isDestroyed()).map((w) => w.webContents);
}

export function isAppWebContents(contents: Electron.WebContents): boolean {
  return appWebContents().includes(contents);
}

/**
 * The default session's policies: the CSP header on every response (dev server included), and
 * every permission request or check refused (see GRANTED_PERMISSIONS).
 */
export function installSessionPolicies(): void {
  const { defaultSession } = session;
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

/** The URL the app's windows load: the app protocol (or, unpackaged only, the dev server). */
export function appEntryUrl(): string {
  return rendererEntry(app.isPackaged, process.env);
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
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
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
  // No <webview> (webviewTag is off by default; this refuses one even if that changed).
  contents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(appEntryUrl());
  return window;
}

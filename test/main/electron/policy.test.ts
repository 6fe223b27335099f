/**
 * The desktop shell's security decisions (src/main/electron/policy.ts) as the Electron code
 * applies them: the Electron binary cannot run here, these functions run anywhere.
 */
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, appAssetPath, assetContentType, CONTENT_SECURITY_POLICY, isAppPageUrl, isPermissionGranted, rendererEntry } from '../../../src/main/electron/policy.js';
import { tmpDir } from '../../helpers/clips.js';

describe('where the window loads the renderer from', () => {
  it('is the app protocol, never file://', () => {
    expect(APP_ENTRY_URL).toBe('actionlens://app/index.html');
    expect(rendererEntry(true, {})).toBe(APP_ENTRY_URL);
    expect(rendererEntry(false, {})).toBe(APP_ENTRY_URL);
  });

  it('honours the dev-server variable only unpackaged, and only on loopback http', () => {
    expect(rendererEntry(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBe('http://localhost:5173/');
    expect(rendererEntry(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' })).toBe('http://127.0.0.1:5173/');
    expect(rendererEntry(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBe(APP_ENTRY_URL);
    for (const hostile of ['https://attacker.example/', 'http://attacker.example:5173/', 'file:///tmp/evil.html', 'javascript:alert(1)', 'not a url', 'http://localhost.attacker.example/']) {
      expect(rendererEntry(false, { ELECTRON_RENDERER_URL: hostile })).toBe(APP_ENTRY_URL);
    }
  });
});

describe('permissions', () => {
  it('refuses every permission a page may ask for', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'storage-access', 'unknown']) {
      expect(isPermissionGranted(permission)).toBe(false);
    }
  });
});

describe('IPC sender pages', () => {
  it("accepts only the app's own origin (or the dev server it was given)", () => {
    expect(isAppPageUrl('actionlens://app/index.html#/video/3', APP_ENTRY_URL)).toBe(true);
    expect(isAppPageUrl('actionlens://other/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppPageUrl('file:///work/out/renderer/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppPageUrl('https://attacker.example/', APP_ENTRY_URL)).toBe(false);
    expect(isAppPageUrl('about:blank', APP_ENTRY_URL)).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/#/models', 'http://localhost:5173/')).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppPageUrl('', APP_ENTRY_URL)).toBe(false);
  });
});

describe('the app protocol', () => {
  const root = '/opt/actionlens/renderer';
  it('maps actionlens://app/<path> into the renderer build', () => {
    expect(appAssetPath(root, 'actionlens://app/')).toBe(`${root}/index.html`);
    expect(appAssetPath(root, 'actionlens://app/index.html')).toBe(`${root}/index.html`);
    expect(appAssetPath(root, 'actionlens://app/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(appAssetPath(`${root}/`, 'actionlens://app/assets/a%20b.css')).toBe(`${root}/assets/a b.css`);
  });

  it('refuses other hosts and schemes, and any way out of the build', () => {
    for (const url of [
      'actionlens://other/index.html',
      'actionlens-media://app/index.html',
      'file:///etc/passwd',
      'actionlens://app/..%2f..%2fetc%2fpasswd',
      'actionlens://app/assets/..%2f..%2f..%2fetc/passwd',
      'actionlens://app/%2e%2e/%2e%2e/etc/passwd',
      'actionlens://app/assets%5c..%5c..%5csecret',
      'actionlens://app/index.html%00.js',
      'actionlens://app/%E0%A4%A',
      'not a url',
    ]) {
      const file = appAssetPath(root, url);
      expect(file === null || file.startsWith(`${root}/`), `${url} → ${file}`).toBe(true);
      if (file !== null) expect(path.normalize(file)).toBe(file);
    }
    expect(appAssetPath(root, 'actionlens://app/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(appAssetPath(root, 'actionlens://app/index.html%00.js')).toBeNull();
  });

  it('gives only a path, so the handler checks the real path: a symlink in the build is resolved outside it', () => {
    const dir = tmpDir('app-protocol');
    const build = path.join(dir, 'renderer');
    mkdirSync(build);
    writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(build, 'leak.js'));
    const file = appAssetPath(build, 'actionlens://app/leak.js')!;
    expect(file).toBe(path.join(build, 'leak.js'));
    expect(realpathSync(file).startsWith(build + path.sep)).toBe(false); // what app-protocol.ts refuses
  });

  it('names content types, and the CSP allows nothing inline or remote', () => {
    expect(assetContentType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(assetContentType('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(assetContentType('/x/blob')).toBe('application/octet-stream');
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });
});
